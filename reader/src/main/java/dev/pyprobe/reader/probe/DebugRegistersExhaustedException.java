package dev.pyprobe.reader.probe;

/**
 * A hardware watchpoint could not be placed because the thread has no free debug register (x86
 * has 4 per thread, shared with debuggers and other perf users).
 */
public class DebugRegistersExhaustedException extends ProbeException {
    private final int tid;

    public DebugRegistersExhaustedException(int tid, int errno) {
        super("debug register budget exhausted (4 per thread) on thread " + tid
                + ": remove another watchpoint or line/function breakpoint on this process", errno);
        this.tid = tid;
    }

    public int tid() {
        return tid;
    }
}
