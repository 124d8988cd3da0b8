package dev.pyprobe.reader.proc;

import com.sun.jna.Memory;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.PermissionDeniedException;
import dev.pyprobe.reader.ProcessExitedException;
import java.util.List;

/**
 * Memory access through {@code process_vm_readv(2)}: one system call for up to {@value #IOV_MAX}
 * ranges, without stopping or attaching to the target.
 */
final class ProcessVmMemory implements RemoteMemory {
    private static final int IOV_MAX = 1024;
    private static final int IOVEC_SIZE = 16;

    private final int pid;
    private long syscalls;
    private Memory data = new Memory(4096);
    private final Memory localIov = new Memory((long) IOV_MAX * IOVEC_SIZE);
    private final Memory remoteIov = new Memory((long) IOV_MAX * IOVEC_SIZE);
    /** Set by close: the native buffers are freed, and touching them would crash the JVM. */
    private boolean closed;

    ProcessVmMemory(int pid) {
        this.pid = pid;
    }

    /** Throws if this kernel or sandbox does not allow process_vm_readv on the target at all. */
    synchronized void probe(long address) {
        byte[] one = new byte[1];
        long n = call(address, 1);
        if (n < 0) {
            int err = LibC.errno();
            if (err != LibC.EFAULT && err != LibC.EIO) {
                throw failure(err, address, 1);
            }
        }
        if (n == 1) {
            data.read(0, one, 0, 1);
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public synchronized void read(long address, byte[] dst, int offset, int length) {
        if (length == 0) {
            return;
        }
        ensureData(length);
        long n = call(address, length);
        if (n != length) {
            throw n < 0 ? failure(LibC.errno(), address, length)
                    : new MemoryReadException(address, length, "only " + n + " bytes are mapped");
        }
        data.read(0, dst, offset, length);
    }

    @Override
    public synchronized void read(ReadBatch batch) {
        List<ReadBatch.Request> requests = batch.requests();
        int start = 0;
        while (start < requests.size()) {
            start = readFrom(requests, start, requests.size(), true);
        }
    }

    /**
     * Reads as many requests of {@code [start, end)} as fit one call, consecutive ones that share
     * pages as one remote range when {@code merge} (see {@link RangePlan}); returns the next index.
     */
    private int readFrom(List<ReadBatch.Request> requests, int start, int end, boolean merge) {
        List<RangePlan.Range> ranges = RangePlan.plan(requests, start, end, IOV_MAX, merge);
        long total = 0;
        for (RangePlan.Range range : ranges) {
            total += range.length();
        }
        ensureData(total);
        long localOffset = 0;
        for (int i = 0; i < ranges.size(); i++) {
            RangePlan.Range range = ranges.get(i);
            localIov.setLong((long) i * IOVEC_SIZE, Memory.nativeValue(data) + localOffset);
            localIov.setLong((long) i * IOVEC_SIZE + 8, range.length());
            remoteIov.setLong((long) i * IOVEC_SIZE, range.start());
            remoteIov.setLong((long) i * IOVEC_SIZE + 8, range.length());
            localOffset += range.length();
        }
        syscalls++;
        long n = LibC.process_vm_readv(pid, localIov, ranges.size(), remoteIov, ranges.size(), 0);
        if (n < 0) {
            int err = LibC.errno();
            if (err != LibC.EFAULT && err != LibC.EIO) {
                throw failure(err, requests.get(start).address(), requests.get(start).length());
            }
            n = 0;
        }
        // The kernel stops at the first remote range it cannot read: everything before it is
        // complete; that range's requests are tried one by one (a merged range fails as a whole),
        // and the rest again in the next call.
        long offset = 0;
        for (RangePlan.Range range : ranges) {
            if (offset + range.length() > n) {
                if (range.count() == 1) {
                    requests.get(range.first()).fail();
                } else {
                    for (int i = range.first(); i < range.first() + range.count(); ) {
                        i = readFrom(requests, i, range.first() + range.count(), false);
                    }
                }
                return range.first() + range.count();
            }
            for (int i = range.first(); i < range.first() + range.count(); i++) {
                ReadBatch.Request r = requests.get(i);
                byte[] copy = new byte[r.length()];
                data.read(offset + (r.address() - range.start()), copy, 0, r.length());
                r.complete(copy);
            }
            offset += range.length();
        }
        return ranges.isEmpty() ? start : ranges.get(ranges.size() - 1).first() + ranges.get(ranges.size() - 1).count();
    }

    @Override
    public synchronized long syscalls() {
        return syscalls;
    }

    /**
     * Frees the buffers; synchronized with the reads, so a read in progress on another thread (a
     * request answered while the session detaches) finishes first, and later ones fail cleanly.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        data.close();
        localIov.close();
        remoteIov.close();
    }

    private long call(long address, long length) {
        checkOpen();
        localIov.setLong(0, Memory.nativeValue(data));
        localIov.setLong(8, length);
        remoteIov.setLong(0, address);
        remoteIov.setLong(8, length);
        syscalls++;
        return LibC.process_vm_readv(pid, localIov, 1, remoteIov, 1, 0);
    }

    private void checkOpen() {
        if (closed) {
            throw new ReaderException("the memory of process " + pid + " is no longer read: the reader was closed");
        }
    }

    private void ensureData(long length) {
        checkOpen();
        if (data.size() < length) {
            data.close();
            data = new Memory(Math.max(length, data.size() * 2));
        }
    }

    private RuntimeException failure(int errno, long address, long length) {
        switch (errno) {
            case LibC.ESRCH:
                return new ProcessExitedException(pid);
            case LibC.EPERM:
                return new PermissionDeniedException(pid, "the memory");
            case LibC.EFAULT:
            case LibC.EIO:
                return new MemoryReadException(address, (int) length, "not mapped");
            default:
                return new MemoryReadException(address, (int) length, "process_vm_readv failed with errno " + errno);
        }
    }
}
