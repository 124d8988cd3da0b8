package dev.pyprobe.reader.proc;

import dev.pyprobe.reader.MemoryReadException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads another process's memory a page at a time and keeps the pages until {@link #forget}: for
 * reads of many small objects that sit close together (thousands of tasks and their coroutines
 * come from the same allocator pools), so that each page costs one system call instead of each
 * field. What it returns between two {@code forget()} calls may come from different moments, as
 * with any sequence of reads; a caller that needs one moment reads twice and compares.
 */
public final class PageCachedMemory implements RemoteMemory {
    private static final int PAGE = 4096;
    private static final long PAGE_MASK = ~(long) (PAGE - 1);
    /** Larger reads (a big set's table) go straight through: they would fill the cache with one object. */
    private static final int MAX_CACHED_READ = 4 * PAGE;
    /** Bounds the cache (16 MiB); past this it starts over. */
    private static final int MAX_PAGES = 4096;

    private final RemoteMemory memory;
    private final Map<Long, byte[]> pages = new HashMap<>();

    public PageCachedMemory(RemoteMemory memory) {
        this.memory = memory;
    }

    /** Drops every page kept: the next reads see the memory as it is then. */
    public synchronized void forget() {
        pages.clear();
    }

    @Override
    public int pid() {
        return memory.pid();
    }

    @Override
    public synchronized void read(long address, byte[] dst, int offset, int length) throws MemoryReadException {
        if (length > MAX_CACHED_READ || length < 0) {
            memory.read(address, dst, offset, length);
            return;
        }
        int done = 0;
        while (done < length) {
            long at = address + done;
            long page = at & PAGE_MASK;
            int from = (int) (at - page);
            int n = Math.min(length - done, PAGE - from);
            System.arraycopy(page(page, at, length), from, dst, offset + done, n);
            done += n;
        }
    }

    private byte[] page(long page, long address, int length) {
        byte[] bytes = pages.get(page);
        if (bytes == null) {
            if (pages.size() >= MAX_PAGES) {
                pages.clear();
            }
            bytes = new byte[PAGE];
            try {
                memory.read(page, bytes, 0, PAGE);
            } catch (MemoryReadException e) {
                throw new MemoryReadException(address, length, "unreadable page: " + e.getMessage());
            }
            pages.put(page, bytes);
        }
        return bytes;
    }

    @Override
    public long syscalls() {
        return memory.syscalls();
    }

    @Override
    public void close() {
        // The underlying memory belongs to whoever passed it in.
    }
}
