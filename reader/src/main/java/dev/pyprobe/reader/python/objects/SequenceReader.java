package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;

/** Reads tuples (items inline) and lists (a pointer to the items). */
public final class SequenceReader {
    private final RemoteMemory memory;
    private final int tupleItems;
    private final int listItems;

    public SequenceReader(RemoteMemory memory, Layout.Objects layout) {
        this.memory = memory;
        this.tupleItems = layout.tupleItems();
        this.listItems = layout.listItems();
    }

    /** Number of items of a tuple or list ({@code ob_size}). */
    public long size(long address) {
        return ObjectHeader.boundedSize(memory.readLong(address + ObjectHeader.OB_SIZE), address);
    }

    /** Item pointers {@code [start, start+count)} of a tuple or list. */
    public long[] items(long address, BuiltinKind kind, long start, int count) {
        long size = size(address);
        int n = (int) Math.max(0, Math.min(count, size - start));
        if (n == 0) {
            return new long[0];
        }
        long items = kind == BuiltinKind.TUPLE ? address + tupleItems : memory.readLong(address + listItems);
        RemoteBytes b = memory.bytesAt(items + start * 8, n * 8);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.i64(i * 8);
        }
        return out;
    }
}
