package dev.pyprobe.server.dap.breakpoints;

/**
 * Who may resume a process that a stop breakpoint has stopped. A hit that is not shown, or a
 * snapshot once read, resumes it at once, unless a {@code stop} breakpoint is holding it stopped
 * for the client: then only the client's continue (or the end of the session) resumes it.
 */
final class StopControl {
    private final Runnable resume;
    private boolean held;

    /** @param resume sends SIGCONT to the process */
    StopControl(Runnable resume) {
        this.resume = resume;
    }

    synchronized void resumeUnlessHeld() {
        if (!held) {
            resume.run();
        }
    }

    /** Keeps the process stopped for the client; false when it already is (another thread's hit). */
    synchronized boolean hold() {
        if (held) {
            return false;
        }
        held = true;
        return true;
    }

    /** Resumes a process held stopped; false when none was. */
    synchronized boolean release() {
        if (!held) {
            return false;
        }
        held = false;
        resume.run();
        return true;
    }

    /** Resumes whatever state the process is in (at the end of the session, after the probes are gone). */
    synchronized void releaseAll() {
        held = false;
        resume.run();
    }
}
