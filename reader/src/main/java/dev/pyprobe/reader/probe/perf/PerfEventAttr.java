package dev.pyprobe.reader.probe.perf;

import com.sun.jna.Memory;

/**
 * The fields of {@code struct perf_event_attr} that pyprobe sets, written into native memory at
 * the offsets of include/uapi/linux/perf_event.h (checked against this machine's headers with
 * offsetof). The size passed to the kernel is PERF_ATTR_SIZE_VER7 (128 bytes, up to sig_data),
 * which every kernel since 5.13 accepts.
 */
public final class PerfEventAttr {
    static final int SIZE = 128;

    public static final int TYPE_SOFTWARE = 1;
    public static final int TYPE_BREAKPOINT = 5;
    /** PERF_COUNT_SW_CPU_CLOCK: a timer in nanoseconds of CPU time (of a thread, or of a CPU). */
    static final long SW_CPU_CLOCK = 0;
    /** PERF_COUNT_SW_BPF_OUTPUT: a ring that BPF programs write to. */
    static final long SW_BPF_OUTPUT = 10;

    public static final int HW_BREAKPOINT_R = 1;
    public static final int HW_BREAKPOINT_W = 2;
    public static final int HW_BREAKPOINT_RW = 3;
    public static final int HW_BREAKPOINT_X = 4;

    /** read() returns {value, lost}: the event's hit count and the records its ring dropped (Linux 6.0+). */
    static final long FORMAT_LOST = 1L << 4;

    // Bits of the flags word at offset 40.
    private static final long FLAG_DISABLED = 1L;
    private static final long FLAG_EXCLUDE_KERNEL = 1L << 5;
    private static final long FLAG_EXCLUDE_HV = 1L << 6;
    /** Also write FORK and EXIT records for the task's clones (how new threads are noticed). */
    private static final long FLAG_TASK = 1L << 13;
    private static final long FLAG_WATERMARK = 1L << 14;
    private static final long FLAG_SAMPLE_ID_ALL = 1L << 18;

    int type;
    long config;
    long samplePeriod = 1;
    long sampleType;
    long readFormat = FORMAT_LOST;
    long flags = FLAG_DISABLED | FLAG_EXCLUDE_KERNEL | FLAG_EXCLUDE_HV | FLAG_SAMPLE_ID_ALL | FLAG_TASK;
    int wakeup = 1;
    int bpType;
    long config1;
    long config2;

    PerfEventAttr(int type) {
        this.type = type;
    }

    /** Wake the reader when this many bytes are in the ring, instead of at every sample. */
    PerfEventAttr wakeupWatermark(int bytes) {
        flags |= FLAG_WATERMARK;
        wakeup = bytes;
        return this;
    }

    /**
     * For a CPU-wide ring that only BPF programs write to: no task (fork and exit) records, which
     * would come from every process of the machine, and nothing excluded.
     */
    PerfEventAttr bpfOutputOnly() {
        flags &= ~(FLAG_TASK | FLAG_EXCLUDE_KERNEL | FLAG_EXCLUDE_HV);
        return this;
    }

    /**
     * For an event whose only job is to run a BPF program: no task records, and the kernel side not
     * excluded, so that a tick that finds a thread in a system call still runs the program (the
     * thread is interrupted either way).
     */
    PerfEventAttr programOnly() {
        flags &= ~(FLAG_TASK | FLAG_EXCLUDE_KERNEL);
        return this;
    }

    PerfEventAttr sampleFormat(SampleFormat format) {
        sampleType = format.sampleType();
        return this;
    }

    Memory toNative() {
        Memory m = new Memory(SIZE);
        m.clear();
        m.setInt(0, type);
        m.setInt(4, SIZE);
        m.setLong(8, config);
        m.setLong(16, samplePeriod);
        m.setLong(24, sampleType);
        m.setLong(32, readFormat);
        m.setLong(40, flags);
        m.setInt(48, wakeup);
        m.setInt(52, bpType);
        m.setLong(56, config1);
        m.setLong(64, config2);
        return m;
    }
}
