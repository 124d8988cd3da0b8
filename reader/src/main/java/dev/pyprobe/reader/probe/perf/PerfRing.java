package dev.pyprobe.reader.probe.perf;

import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ring buffer the kernel writes an event's records into: one metadata page then 2^n data
 * pages, mapped shared. The kernel publishes {@code data_head} after writing records; we read it
 * with acquire semantics before reading the records, and publish {@code data_tail} with release
 * semantics after we are done with them, so the kernel never overwrites what we still read.
 */
final class PerfRing {
    static final int PAGE = 4096;
    private static final int DATA_HEAD = 1024;
    private static final int DATA_TAIL = 1032;
    private static final int RECORD_LOST = 2;
    private static final int RECORD_THROTTLE = 5;
    private static final int RECORD_FORK = 7;
    private static final int RECORD_SAMPLE = 9;
    private static final int HEADER = 8;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** What the ring's reader is told. */
    interface Sink {
        void sample(Sample sample);

        void lost(long count);

        /**
         * The kernel stopped the event until its next tick because it fired more often than
         * kernel.perf_event_max_sample_rate allows: hits in that window are not counted at all.
         */
        void throttled();

        /** The event's thread created thread {@code tid} of process {@code pid}. */
        void threadStarted(int pid, int tid);
    }

    private final Pointer base;
    private final long mappedBytes;
    private final ByteBuffer meta;
    private final ByteBuffer data;
    private final int dataSize;
    private final SampleFormat format;
    private boolean unmapped;

    private PerfRing(Pointer base, long mappedBytes, int dataSize, SampleFormat format) {
        this.base = base;
        this.mappedBytes = mappedBytes;
        this.meta = base.getByteBuffer(0, PAGE).order(ByteOrder.LITTLE_ENDIAN);
        this.data = base.getByteBuffer(PAGE, dataSize).order(ByteOrder.LITTLE_ENDIAN);
        this.dataSize = dataSize;
        this.format = format;
    }

    static PerfRing map(int fd, int dataPages, SampleFormat format) {
        if (dataPages <= 0 || Integer.bitCount(dataPages) != 1 || dataPages > 4096) {
            throw new IllegalArgumentException("ring data pages must be a power of two in 1..4096, got " + dataPages);
        }
        long length = (long) (dataPages + 1) * PAGE;
        Pointer p = Kernel.mmap(null, length, Kernel.PROT_READ | Kernel.PROT_WRITE, Kernel.MAP_SHARED, fd, 0);
        if (p == null || Pointer.nativeValue(p) == -1L) {
            throw PerfErrors.callFailure("mmap of a perf ring (" + length + " bytes; see /proc/sys/kernel/perf_event_mlock_kb)",
                    Kernel.errno());
        }
        return new PerfRing(p, length, dataPages * PAGE, format);
    }

    int dataSize() {
        return dataSize;
    }

    /**
     * Hands every complete record in the ring to the sink and frees their space. Returns the
     * number of samples delivered. Bounded by the ring's size: records written meanwhile wait for
     * the next call.
     */
    synchronized int drain(Sink sink) {
        if (unmapped) {
            return 0;
        }
        long head = (long) LONGS.getAcquire(meta, DATA_HEAD);
        long tail = (long) LONGS.get(meta, DATA_TAIL);
        int samples = 0;
        while (tail < head) {
            long headerWord = readLong(tail);
            int type = (int) headerWord;
            int size = (int) ((headerWord >>> 48) & 0xffff);
            if (size < HEADER || size > dataSize || tail + size > head) {
                // A size the kernel cannot have written: drop everything rather than loop on garbage.
                sink.lost(1);
                tail = head;
                break;
            }
            if (type == RECORD_SAMPLE) {
                sink.sample(format.decode(new RecordCursor(copy(tail, size), HEADER)));
                samples++;
            } else if (type == RECORD_FORK) {
                RecordCursor fork = new RecordCursor(copy(tail, size), HEADER);
                int pid = fork.u32();
                fork.u32(); // ppid
                sink.threadStarted(pid, fork.u32());
            } else if (type == RECORD_THROTTLE) {
                sink.throttled();
            } else if (type == RECORD_LOST) {
                sink.lost(new RecordCursor(copy(tail, size), HEADER + 8).u64()); // skip id
            }
            tail += size;
        }
        LONGS.setRelease(meta, DATA_TAIL, tail);
        return samples;
    }

    private long readLong(long position) {
        byte[] b = copy(position, 8);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Copies {@code size} bytes at ring position {@code position}, across the wrap if needed. */
    private byte[] copy(long position, int size) {
        byte[] out = new byte[size];
        int offset = (int) (position & (dataSize - 1));
        int first = Math.min(size, dataSize - offset);
        data.get(offset, out, 0, first);
        if (first < size) {
            data.get(0, out, first, size - first);
        }
        return out;
    }

    synchronized void unmap() {
        if (!unmapped) {
            unmapped = true;
            Kernel.munmap(base, mappedBytes);
        }
    }
}
