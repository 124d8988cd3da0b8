package dev.pyprobe.reader.probe.perf;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What each sample carries: always the thread, a timestamp and the instruction pointer, plus the
 * user registers in a mask and a copy of the top of the user stack when asked.
 * It both configures the event ({@code sample_type}, {@code sample_regs_user}, {@code
 * sample_stack_user}) and decodes the records the kernel writes with that configuration.
 */
public final class SampleFormat {
    static final long SAMPLE_IP = 1L;
    static final long SAMPLE_TID = 1L << 1;
    static final long SAMPLE_TIME = 1L << 2;
    static final long SAMPLE_REGS_USER = 1L << 12;
    static final long SAMPLE_STACK_USER = 1L << 13;

    /** The kernel caps a user stack dump below 64 KiB; more than a few KiB is never useful here. */
    public static final int MAX_STACK_BYTES = 16384;

    private final long sampleType;
    private final long registerMask;
    private final int stackBytes;

    private SampleFormat(long sampleType, long registerMask, int stackBytes) {
        this.sampleType = sampleType;
        this.registerMask = registerMask;
        this.stackBytes = stackBytes;
    }

    /**
     * Thread, time and instruction pointer: what a watchpoint hit needs (its data address is the
     * watched one, so it is not sampled: smaller records, more of them per ring).
     */
    public static SampleFormat basic() {
        return new SampleFormat(SAMPLE_IP | SAMPLE_TID | SAMPLE_TIME, 0, 0);
    }

    /**
     * Thread, time, instruction pointer, the given registers and, if {@code stackBytes > 0}, that
     * many bytes of the user stack from the stack pointer up (rounded up to 8).
     */
    public static SampleFormat withRegisters(Collection<UserRegister> registers, int stackBytes) {
        if (stackBytes < 0 || stackBytes > MAX_STACK_BYTES) {
            throw new IllegalArgumentException("stack copy of " + stackBytes + " bytes, allowed 0.." + MAX_STACK_BYTES);
        }
        Set<UserRegister> regs = registers.isEmpty() ? EnumSet.noneOf(UserRegister.class) : EnumSet.copyOf(registers);
        if (stackBytes > 0) {
            regs.add(UserRegister.SP); // a stack copy is only usable with the SP it starts at
        }
        long mask = 0;
        for (UserRegister r : regs) {
            mask |= r.maskBit();
        }
        long type = SAMPLE_IP | SAMPLE_TID | SAMPLE_TIME;
        if (mask != 0) {
            type |= SAMPLE_REGS_USER;
        }
        int rounded = (stackBytes + 7) & ~7;
        if (rounded > 0) {
            type |= SAMPLE_STACK_USER;
        }
        return new SampleFormat(type, mask, rounded);
    }

    long sampleType() {
        return sampleType;
    }

    long registerMask() {
        return registerMask;
    }

    int stackBytes() {
        return stackBytes;
    }

    /** Largest sample record this format can produce, to size ring buffers. */
    public int maxRecordBytes() {
        int size = 8 + 8 + 8 + 8; // header, ip, pid/tid, time
        if ((sampleType & SAMPLE_REGS_USER) != 0) {
            size += 8 + 8 * Long.bitCount(registerMask);
        }
        if ((sampleType & SAMPLE_STACK_USER) != 0) {
            size += 8 + stackBytes + 8;
        }
        return size;
    }

    /**
     * Data pages for a ring that holds about {@code records} of the largest samples: a power of
     * two, at least 8 and at most 256 (1 MiB) per event.
     */
    public int ringPagesFor(int records) {
        long bytes = (long) records * maxRecordBytes();
        int pages = 8;
        while (pages < 256 && (long) pages * 4096 < bytes) {
            pages *= 2;
        }
        return pages;
    }

    /**
     * Decodes the body of a PERF_RECORD_SAMPLE (after the 8-byte header). Fields come in the
     * kernel's fixed order: IP, TID, TIME, (fields we never ask for), REGS_USER, STACK_USER.
     */
    Sample decode(RecordCursor in) {
        long ip = (sampleType & SAMPLE_IP) != 0 ? in.u64() : 0;
        int pid = 0;
        int tid = 0;
        if ((sampleType & SAMPLE_TID) != 0) {
            pid = in.u32();
            tid = in.u32();
        }
        long time = (sampleType & SAMPLE_TIME) != 0 ? in.u64() : 0;
        long[] regs = null;
        if ((sampleType & SAMPLE_REGS_USER) != 0) {
            long abi = in.u64();
            if (abi != 0) { // 0 means the sample interrupted no user context: no values follow
                regs = new long[UserRegister.COUNT];
                for (int bit = 0; bit < UserRegister.COUNT; bit++) {
                    if ((registerMask & (1L << bit)) != 0) {
                        regs[bit] = in.u64();
                    }
                }
            }
        }
        byte[] stack = null;
        if ((sampleType & SAMPLE_STACK_USER) != 0) {
            long size = in.u64();
            if (size != 0) {
                byte[] copy = in.bytes((int) size);
                long dynSize = in.u64(); // how much of the copy is real stack
                int valid = (int) Math.max(0, Math.min(dynSize, size));
                stack = valid == copy.length ? copy : java.util.Arrays.copyOf(copy, valid);
            }
        }
        return new Sample(pid, tid, time, ip, regs, registerMask, stack);
    }
}
