package dev.pyprobe.reader.probe.perf;

/** One hit of a perf event: the process and thread it happened on, when, where, and what a BPF program added. */
public final class Sample {
    private final int pid;
    private final int tid;
    private final long time;
    private final long ip;
    private final long value;

    public Sample(int pid, int tid, long time, long ip) {
        this(pid, tid, time, ip, 0);
    }

    public Sample(int pid, int tid, long time, long ip, long value) {
        this.pid = pid;
        this.tid = tid;
        this.time = time;
        this.ip = ip;
        this.value = value;
    }

    /** The first 64-bit value of the data a BPF program wrote with the sample, or 0. */
    public long value() {
        return value;
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
