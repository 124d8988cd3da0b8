package dev.pyprobe.reader.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups the requests of a batch into the remote ranges of one process_vm_readv. The kernel pins
 * the pages of every remote range it copies, so fifty frame headers in one page cost fifty pins
 * when read as fifty ranges and one when read as one: consecutive requests whose pages touch are
 * read as one range (in address order), never across a {@link ReadBatch#barrier()}.
 * A merged range never covers a page that none of its requests covers, so merging cannot make a
 * readable request fail; a range is at most {@value #MAX_SPAN} bytes, so little is read for nothing.
 */
final class RangePlan {
    static final int PAGE = 4096;
    static final int MAX_SPAN = 16 * 1024;

    /** Remote bytes {@code [start, start + length)} holding requests {@code [first, first + count)}. */
    record Range(long start, long length, int first, int count) {
    }

    private RangePlan() {
    }

    /** Ranges for requests {@code [from, to)}, at most {@code maxRanges} of them. */
    static List<Range> plan(List<ReadBatch.Request> requests, int from, int to, int maxRanges, boolean merge) {
        List<Range> ranges = new ArrayList<>();
        int i = from;
        while (i < to && ranges.size() < maxRanges) {
            ReadBatch.Request r = requests.get(i);
            long start = r.address();
            long end = r.address() + r.length();
            int count = 1;
            while (merge && r.length() > 0 && i + count < to) {
                ReadBatch.Request next = requests.get(i + count);
                long nextEnd = next.address() + next.length();
                long mergedStart = Math.min(start, next.address());
                long mergedEnd = Math.max(end, nextEnd);
                if (next.length() == 0 || next.afterBarrier() || mergedEnd - mergedStart > MAX_SPAN || !pagesTouch(start, end, next.address(), nextEnd)) {
                    break;
                }
                start = mergedStart;
                end = mergedEnd;
                count++;
            }
            ranges.add(new Range(start, end - start, i, count));
            i += count;
        }
        return ranges;
    }

    /** Whether the pages of two non-empty ranges overlap or are neighbours (their union has no page gap). */
    private static boolean pagesTouch(long start, long end, long otherStart, long otherEnd) {
        long first = Math.floorDiv(start, PAGE);
        long last = Math.floorDiv(end - 1, PAGE);
        long otherFirst = Math.floorDiv(otherStart, PAGE);
        long otherLast = Math.floorDiv(otherEnd - 1, PAGE);
        return otherFirst <= last + 1 && otherLast >= first - 1;
    }
}
