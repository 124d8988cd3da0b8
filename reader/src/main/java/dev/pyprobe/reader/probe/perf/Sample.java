package dev.pyprobe.reader.probe.perf;

/** One hit of a perf event: the process and thread it happened on, when, and where. */
public final class Sample {
    private final int pid;
    private final int tid;
    private final long time;
    private final long ip;

    public Sample(int pid, int tid, long time, long ip) {
        this.pid = pid;
        this.tid = tid;
        this.time = time;
        this.ip = ip;
    }

    public int pid() {
        return pid;
    }

    public int tid() {
        return tid;
    }

    /** perf clock (CLOCK_MONOTONIC based) nanoseconds. */
    public long timeNanos() {
        return time;
    }

    public long ip() {
        return ip;
    }

    @Override
    public String toString() {
        return "Sample[pid=" + pid + ", tid=" + tid + ", time=" + time + ", ip=0x" + Long.toHexString(ip) + "]";
    }
}
