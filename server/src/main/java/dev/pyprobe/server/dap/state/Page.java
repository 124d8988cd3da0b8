package dev.pyprobe.server.dap.state;

import java.util.List;

/**
 * A window of a sequence as DAP asks for it ({@code start}/{@code count}, {@code startFrame}/
 * {@code levels}): a missing or non-positive count means "to the end", capped at a limit so a
 * huge container is never read whole in one request.
 *
 * @param start first index, at least 0
 * @param count number of elements, at least 0
 */
public record Page(int start, int count) {

    public Page {
        if (start < 0 || count < 0) {
            throw new IllegalArgumentException("negative page " + start + "+" + count);
        }
    }

    /**
     * @param start requested first index (null or negative: 0)
     * @param count requested count (null or 0: all that remain)
     * @param total number of elements available
     * @param limit the most elements one page may hold
     */
    public static Page of(Integer start, Integer count, int total, int limit) {
        int from = start == null || start < 0 ? 0 : Math.min(start, total);
        int remaining = total - from;
        int wanted = count == null || count <= 0 ? remaining : Math.min(count, remaining);
        return new Page(from, Math.min(wanted, limit));
    }

    public int end() {
        return start + count;
    }

    public <T> List<T> of(List<T> all) {
        return all.subList(Math.min(start, all.size()), Math.min(end(), all.size()));
    }
}
