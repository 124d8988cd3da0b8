package dev.pyprobe.reader.proc;

import dev.pyprobe.reader.MemoryReadException;

/**
 * Read-only access to another process's address space. Implementations count the system calls
 * they make so that benchmarks can report syscalls per stack.
 */
public interface RemoteMemory extends AutoCloseable {

    int pid();

    /** Reads exactly {@code length} bytes at {@code address} into {@code dst} or throws. */
    void read(long address, byte[] dst, int offset, int length) throws MemoryReadException;

    /**
     * Reads every request of the batch, as few system calls as possible. A request that cannot be
     * read is marked failed; the others are still filled. This default reads them one by one.
     */
    default void read(ReadBatch batch) {
        for (ReadBatch.Request r : batch.requests()) {
            try {
                byte[] copy = new byte[r.length()];
                read(r.address(), copy, 0, r.length());
                r.complete(copy);
            } catch (MemoryReadException e) {
                r.fail();
            }
        }
    }

    /** System calls made so far. */
    long syscalls();

    default byte[] read(long address, int length) {
        byte[] out = new byte[length];
        read(address, out, 0, length);
        return out;
    }

    default RemoteBytes bytesAt(long address, int length) {
        return new RemoteBytes(address, read(address, length));
    }

    default long readLong(long address) {
        return bytesAt(address, 8).i64(0);
    }

    @Override
    void close();
}
