package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.List;

/**
 * The way from a thread state to the pointer to its innermost frame, as read at one moment: the
 * address of each pointer followed and the value found there. {@link #slot()} is 0 when the
 * thread has no frame record to point into.
 */
record HeadPath(long[] hops, long[] values, long slot) {
    static final HeadPath NONE = new HeadPath(new long[0], new long[0], 0);

    /** Follows the version's path from the thread state to the pointer to the innermost frame. */
    static HeadPath follow(RemoteMemory memory, Layout.Thread threadLayout, long threadState) {
        List<Integer> path = threadLayout.currentFrame();
        long[] hops = new long[path.size() - 1];
        long[] values = new long[path.size() - 1];
        long base = threadState;
        for (int i = 0; i < path.size() - 1; i++) {
            hops[i] = base + path.get(i);
            values[i] = memory.readLong(hops[i]);
            base = values[i];
            if (base == 0) {
                return NONE;
            }
        }
        return new HeadPath(hops, values, base + path.get(path.size() - 1));
    }

    /** Adds a read of every hop of the path to {@code batch}. */
    List<ReadBatch.Request> addTo(ReadBatch batch) {
        List<ReadBatch.Request> reads = new ArrayList<>(hops.length);
        for (long hop : hops) {
            reads.add(batch.add(hop, 8));
        }
        return reads;
    }

    /** Whether {@code reads} (from {@link #addTo}) found the path as it was. */
    boolean unchanged(List<ReadBatch.Request> reads) {
        for (int i = 0; i < hops.length; i++) {
            ReadBatch.Request r = reads.get(i);
            if (r.failed() || r.bytes().i64(0) != values[i]) {
                return false;
            }
        }
        return true;
    }
}
