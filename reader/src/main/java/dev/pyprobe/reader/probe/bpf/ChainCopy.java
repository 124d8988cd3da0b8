package dev.pyprobe.reader.probe.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * One copy of a thread's chain as {@link ChainCopyProgram} wrote it: when it was taken, the
 * pointers followed to the chain, and each record's address and bytes, first record first.
 */
public final class ChainCopy {
    /** How the copy ended. */
    public enum End {
        /** At a record whose link is 0: the whole chain. */
        COMPLETE,
        /** After {@link ChainCopyProgram#MAX_RECORDS} records: the chain goes on. */
        DEEPER,
        /** A pointer could not be read: what was copied before it is kept. */
        UNREADABLE,
        /** A pointer on the way to the chain was 0: the thread has no chain now. */
        NO_CHAIN
    }

    private final long base;
    private final long timeNanos;
    private final End end;
    private final long[] hopValues;
    private final long first;
    private final ByteBuffer data;
    private final int count;
    private final int recordSize;

    private ChainCopy(long base, long timeNanos, End end, long[] hopValues, long first, ByteBuffer data, int count,
                      int recordSize) {
        this.base = base;
        this.timeNanos = timeNanos;
        this.end = end;
        this.hopValues = hopValues;
        this.first = first;
        this.data = data;
        this.count = count;
        this.recordSize = recordSize;
    }

    /**
     * The copy in a record's data, or empty when the data cannot be one (too short for what it
     * says it holds, an unknown status): nothing is guessed from a damaged record.
     */
    public static Optional<ChainCopy> parse(byte[] bytes, ChainCopyProgram.Params params) {
        if (bytes == null || bytes.length < ChainCopyProgram.RECORDS) {
            return Optional.empty();
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long count = data.getLong(ChainCopyProgram.COUNT);
        long status = data.getLong(ChainCopyProgram.STATUS);
        if (count < 0 || count > ChainCopyProgram.MAX_RECORDS || status < 0 || status >= End.values().length
                || bytes.length < ChainCopyProgram.RECORDS + count * ChainCopyProgram.STRIDE) {
            return Optional.empty();
        }
        long[] hops = new long[params.hops().size()];
        for (int h = 0; h < hops.length; h++) {
            hops[h] = data.getLong(ChainCopyProgram.HOP_VALUES + 8 * h);
        }
        return Optional.of(new ChainCopy(data.getLong(ChainCopyProgram.BASE), data.getLong(ChainCopyProgram.TIME),
                End.values()[(int) status], hops, data.getLong(ChainCopyProgram.FIRST), data, (int) count,
                params.recordSize()));
    }

    /** The address the walk started from (the thread's entry in the program's table). */
    public long base() {
        return base;
    }

    /** CLOCK_MONOTONIC nanoseconds ({@code System.nanoTime()}'s clock) when the copy was taken. */
    public long timeNanos() {
        return timeNanos;
    }

    public End end() {
        return end;
    }

    /** The pointer read at each hop, in order (those after a 0 are 0). */
    public long[] hopValues() {
        return hopValues.clone();
    }

    /** The pointer to the first record (0: an empty chain). */
    public long first() {
        return first;
    }

    public int count() {
        return count;
    }

    public long address(int record) {
        return data.getLong(offset(record));
    }

    /** The copied bytes of one record. */
    public byte[] record(int record) {
        int from = offset(record) + 8;
        return Arrays.copyOfRange(data.array(), from, from + recordSize);
    }

    private int offset(int record) {
        if (record < 0 || record >= count) {
            throw new IndexOutOfBoundsException("record " + record + " of a copy of " + count);
        }
        return ChainCopyProgram.RECORDS + record * ChainCopyProgram.STRIDE;
    }
}
