package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.proc.ReadBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Remote ranges that cover a chain's frame headers: headers whose pages touch are one range (the
 * frames of 3.11+ lie side by side in a chunk of the thread's data stack), and a range never
 * covers a page that no header is on, so it is as readable as its headers.
 */
record FrameRanges(long[] starts, int[] lengths, int[] rangeOfFrame) {
    private static final int PAGE = 4096;
    private static final int MAX_RANGE = 64 * 1024;

    static FrameRanges of(long[] addresses, int headerSize) {
        Integer[] byAddress = new Integer[addresses.length];
        Arrays.setAll(byAddress, i -> i);
        Arrays.sort(byAddress, Comparator.comparingLong(i -> addresses[i]));
        List<long[]> ranges = new ArrayList<>();
        int[] rangeOfFrame = new int[addresses.length];
        for (int i : byAddress) {
            long start = addresses[i];
            long end = start + headerSize;
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && Math.floorDiv(start, PAGE) <= Math.floorDiv(last[1] - 1, PAGE) + 1
                    && Math.max(end, last[1]) - last[0] <= MAX_RANGE) {
                last[1] = Math.max(end, last[1]);
            } else {
                ranges.add(new long[] {start, end});
            }
            rangeOfFrame[i] = ranges.size() - 1;
        }
        long[] starts = new long[ranges.size()];
        int[] lengths = new int[ranges.size()];
        for (int r = 0; r < starts.length; r++) {
            starts[r] = ranges.get(r)[0];
            lengths[r] = (int) (ranges.get(r)[1] - ranges.get(r)[0]);
        }
        return new FrameRanges(starts, lengths, rangeOfFrame);
    }

    ReadBatch.Request[] addTo(ReadBatch batch) {
        ReadBatch.Request[] requests = new ReadBatch.Request[starts.length];
        for (int r = 0; r < starts.length; r++) {
            requests[r] = batch.add(starts[r], lengths[r]);
        }
        return requests;
    }

    int rangeOf(int frame) {
        return rangeOfFrame[frame];
    }
}
