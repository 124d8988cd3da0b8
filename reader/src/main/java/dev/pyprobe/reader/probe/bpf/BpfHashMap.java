package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import dev.pyprobe.reader.probe.perf.Kernel;

/**
 * A BPF hash map from 64-bit keys to 64-bit counters, filled by a program (one counter per key it
 * sees, added to atomically) and read here by key.
 */
public final class BpfHashMap implements AutoCloseable {
    private static final int BPF_MAP_CREATE = 0;
    private static final int BPF_MAP_LOOKUP_ELEM = 1;
    private static final int TYPE_HASH = 1;
    private static final int ATTR_SIZE = 128;

    private final int fd;
    private final int capacity;
    private boolean closed;

    private BpfHashMap(int fd, int capacity) {
        this.fd = fd;
        this.capacity = capacity;
    }

    public static BpfHashMap counters(int capacity) {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, TYPE_HASH);
            attr.setInt(4, 8);
            attr.setInt(8, 8);
            attr.setInt(12, capacity);
            int fd = (int) Kernel.syscall(Kernel.SYS_BPF, BPF_MAP_CREATE, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
            if (fd < 0) {
                int errno = Kernel.errno();
                if (errno == Kernel.EPERM) {
                    throw new ProbePermissionException("a BPF map (needs CAP_BPF)", errno);
                }
                throw new ProbeException("the kernel refused a BPF hash map of " + capacity + " entries with "
                        + Kernel.errnoName(errno), errno);
            }
            return new BpfHashMap(fd, capacity);
        }
    }

    public int fd() {
        return fd;
    }

    public int capacity() {
        return capacity;
    }

    /** The counter of {@code key}, 0 when the program never saw it. */
    public synchronized long get(long key) {
        if (closed) {
            throw new ProbeException("BPF map already closed");
        }
        try (Memory k = new Memory(8); Memory v = new Memory(8); Memory attr = new Memory(ATTR_SIZE)) {
            k.setLong(0, key);
            attr.clear();
            attr.setInt(0, fd);
            attr.setLong(8, Memory.nativeValue(k));
            attr.setLong(16, Memory.nativeValue(v));
            if (Kernel.syscall(Kernel.SYS_BPF, BPF_MAP_LOOKUP_ELEM, Memory.nativeValue(attr), ATTR_SIZE, 0, 0) < 0) {
                int errno = Kernel.errno();
                if (errno == Kernel.ENOENT) {
                    return 0;
                }
                throw new ProbeException("cannot read a BPF map entry: " + Kernel.errnoName(errno), errno);
            }
            return v.getLong(0);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Kernel.close(fd);
        }
    }
}
