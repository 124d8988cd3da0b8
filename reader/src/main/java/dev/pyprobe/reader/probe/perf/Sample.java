package dev.pyprobe.reader.probe.perf;

import java.util.Arrays;

/** One hit of a perf event: the thread it happened on, when, where, and the state it asked for. */
public final class Sample {
    private final int pid;
    private final int tid;
    private final long time;
    private final long ip;
    private final long[] regs;
    private final long registerMask;
    private final byte[] stack;

    public Sample(int pid, int tid, long time, long ip, long[] regs, long registerMask, byte[] stack) {
        this.pid = pid;
        this.tid = tid;
        this.time = time;
        this.ip = ip;
        this.regs = regs;
        this.registerMask = regs == null ? 0 : registerMask;
        this.stack = stack;
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

    public boolean hasRegister(UserRegister r) {
        return (registerMask & r.maskBit()) != 0;
    }

    /** A sampled user register's value; throws if the format did not ask for it. */
    public long register(UserRegister r) {
        if (!hasRegister(r)) {
            throw new IllegalStateException("register " + r + " was not sampled");
        }
        return regs[r.perfIndex()];
    }

    /** The copy of the user stack from the stack pointer up, empty if none was taken. */
    public byte[] stack() {
        return stack == null ? new byte[0] : stack;
    }

    @Override
    public String toString() {
        return "Sample[pid=" + pid + ", tid=" + tid + ", time=" + time + ", ip=0x" + Long.toHexString(ip)
                + ", regs=" + (regs == null ? "none" : Arrays.toString(regs))
                + ", stack=" + stack().length + " bytes]";
    }
}
