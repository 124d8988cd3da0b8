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

    private Freeze(TargetProcess process) {
        this.process = process;
    }

    /** Sends SIGSTOP and waits (briefly, bounded) until every task reports itself stopped. */
    public static Freeze stop(TargetProcess process) {
        Signals.send(process.pid(), SIGSTOP);
        Freeze freeze = new Freeze(process);
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < deadline && !allStopped(process)) {
            Thread.onSpinWait();
        }
        return freeze;
    }

    private static boolean allStopped(TargetProcess process) {
        try {
            return process.tasks().stream().allMatch(t -> process.taskState(t) == TaskState.STOPPED);
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Override
    public void close() {
        Signals.send(process.pid(), SIGCONT);
    }
}
