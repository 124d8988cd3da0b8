package dev.pyprobe.reader.probe.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One hit of a perf event: the process and thread it happened on, when, where, and what a BPF program added. */
public final class Sample {
    private final int pid;
    private final int tid;
    private final long time;
    private final long ip;
    private final long value;
    private final byte[] data;

    public Sample(int pid, int tid, long time, long ip) {
        this(pid, tid, time, ip, 0);
    }

    public Sample(int pid, int tid, long time, long ip, long value) {
        this.pid = pid;
        this.tid = tid;
        this.time = time;
        this.ip = ip;
        this.value = value;
        this.data = null;
    }

    /** A sample with all the data a program wrote ({@link SampleFormat#withData}). */
    public Sample(int pid, int tid, long time, long ip, byte[] data) {
        this.pid = pid;
        this.tid = tid;
        this.time = time;
        this.ip = ip;
        this.value = data.length >= 8 ? ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong() : 0;
        this.data = data;
    }

    /** The first 64-bit value of the data a BPF program wrote with the sample, or 0. */
    public long value() {
        return value;
    }

    /** All the data the program wrote (null unless the format keeps it); the caller must not change it. */
    public byte[] data() {
        return data;
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
