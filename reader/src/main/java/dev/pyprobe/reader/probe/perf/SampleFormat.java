package dev.pyprobe.reader.probe.perf;

/**
 * What each sample carries: the thread, a timestamp and the instruction pointer, and nothing
 * else. Every mechanism decides in the kernel (a BPF filter program) whether a hit counts, so user
 * space only needs to know who hit and when. It both configures the event ({@code sample_type})
 * and decodes the records the kernel writes with that configuration.
 */
public final class SampleFormat {
    static final long SAMPLE_IP = 1L;
    static final long SAMPLE_TID = 1L << 1;
    static final long SAMPLE_TIME = 1L << 2;
    static final long SAMPLE_RAW = 1L << 10;

    private static final SampleFormat BASIC = new SampleFormat(SAMPLE_IP | SAMPLE_TID | SAMPLE_TIME);
    private static final SampleFormat WITH_VALUE = new SampleFormat(SAMPLE_IP | SAMPLE_TID | SAMPLE_TIME | SAMPLE_RAW);

    private final long sampleType;
    /** Largest raw data a program writes, kept whole in {@link Sample#data()}; 0: only the first value is kept. */
    private final int maxDataBytes;

    private SampleFormat(long sampleType) {
        this(sampleType, 0);
    }

    private SampleFormat(long sampleType, int maxDataBytes) {
        this.sampleType = sampleType;
        this.maxDataBytes = maxDataBytes;
    }

    /**
     * Thread, time and instruction pointer: what a hit needs (a watchpoint's data address is the
     * watched one, a uprobe's arguments were looked at by its filter program, so neither is
     * sampled: smaller records, more of them per ring).
     */
    public static SampleFormat basic() {
        return BASIC;
    }

    /**
     * The basic fields and the raw data a BPF program wrote with {@code bpf_perf_event_output}, of
     * which the first 64-bit value is kept ({@link Sample#value()}).
     */
    public static SampleFormat withValue() {
        return WITH_VALUE;
    }

    /**
     * The basic fields and all the raw data a BPF program wrote, up to {@code maxDataBytes} per
     * record ({@link Sample#data()}): for programs that report more than one value.
     */
    public static SampleFormat withData(int maxDataBytes) {
        if (maxDataBytes < 8) {
            throw new IllegalArgumentException("a record's data holds at least one value, not " + maxDataBytes + " bytes");
        }
        return new SampleFormat(SAMPLE_IP | SAMPLE_TID | SAMPLE_TIME | SAMPLE_RAW, maxDataBytes);
    }

    long sampleType() {
        return sampleType;
    }

    /** Largest sample record this format can produce, to size ring buffers. */
    public int maxRecordBytes() {
        // header, ip, pid/tid, time; raw: a u32 size and the data padded to 8 bytes
        int raw = maxDataBytes > 0 ? 4 + ((maxDataBytes + 4 + 7) & ~7) : 16;
        return 8 + 8 + 8 + 8 + ((sampleType & SAMPLE_RAW) != 0 ? raw : 0);
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
     * kernel's fixed order: IP, TID, TIME, RAW (the rest of a record is skipped by its size).
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
        long value = 0;
        byte[] data = null;
        if ((sampleType & SAMPLE_RAW) != 0) {
            int size = in.u32();
            if (maxDataBytes > 0) {
                // The kernel pads the data to keep records 8-byte aligned: a program's record may
                // end in zero bytes it did not write, which its reader knows to ignore.
                data = in.bytes(Math.min(size, maxDataBytes));
            } else if (size >= 8) {
                value = in.u64();
            }
        }
        return data != null ? new Sample(pid, tid, time, ip, data) : new Sample(pid, tid, time, ip, value);
    }
}
