package dev.pyprobe.reader.proc;

import java.util.concurrent.TimeUnit;

/**
 * Stops a process with SIGSTOP for as long as it is open, and resumes it with SIGCONT on close.
 * This changes the target's job-control state for that time, so it is only used when asked for.
 */
public final class Freeze implements AutoCloseable {
    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final TargetProcess process;
    /** The process was stopped already (at a breakpoint, or by its user): it is left stopped. */
    private final boolean wasStopped;

    private Freeze(TargetProcess process, boolean wasStopped) {
        this.process = process;
        this.wasStopped = wasStopped;
    }

    /**
     * Sends SIGSTOP and waits (briefly, bounded) until every task reports itself stopped. A process
     * that is stopped already is not signalled, and stays stopped on close.
     */
    public static Freeze stop(TargetProcess process) {
        if (allStopped(process, false)) {
            return new Freeze(process, true);
        }
        Signals.send(process.pid(), SIGSTOP);
        Freeze freeze = new Freeze(process, false);
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < deadline && !allStopped(process, true)) {
            Thread.onSpinWait();
        }
        return freeze;
    }

    /** @param unknown the answer when the tasks cannot be read (the process may be exiting) */
    private static boolean allStopped(TargetProcess process, boolean unknown) {
        try {
            return process.tasks().stream().allMatch(t -> process.taskState(t) == TaskState.STOPPED);
        } catch (RuntimeException e) {
            return unknown;
        }
    }

    @Override
    public void close() {
        if (!wasStopped) {
            Signals.send(process.pid(), SIGCONT);
        }
    }
}
