package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.Kernel;

/**
 * A BPF hash map from 64-bit keys to 64-bit values: counters filled by a program (one per key it
 * sees, added to atomically) and read here by key, or a table written here that a program looks
 * things up in.
 */
public final class BpfHashMap implements AutoCloseable {
    private final int fd;
    private boolean closed;

    private BpfHashMap(int fd) {
        this.fd = fd;
    }

    public static BpfHashMap counters(int capacity) {
        return new BpfHashMap(BpfMapCalls.create(BpfMapCalls.TYPE_HASH, 8, 8, capacity,
                "a BPF hash map of " + capacity + " counters"));
    }

    /** A table of at most {@code capacity} entries, written with {@link #put}; {@code what} names it in errors. */
    public static BpfHashMap table(int capacity, String what) {
        return new BpfHashMap(BpfMapCalls.create(BpfMapCalls.TYPE_HASH, 8, 8, capacity, what));
    }

    public int fd() {
        return fd;
    }

    /** The counter of {@code key}, 0 when the program never saw it. */
    public synchronized long get(long key) {
        if (closed) {
            throw new ProbeException("BPF map already closed");
        }
        try (Memory k = new Memory(8); Memory v = new Memory(8)) {
            k.setLong(0, key);
            return BpfMapCalls.lookup(fd, k, v) ? v.getLong(0) : 0;
        }
    }

    public synchronized void put(long key, long value) {
        if (closed) {
            throw new ProbeException("BPF map already closed");
        }
        try (Memory k = new Memory(8); Memory v = new Memory(8)) {
            k.setLong(0, key);
            v.setLong(0, value);
            BpfMapCalls.update(fd, k, v);
        }
    }

    public synchronized void remove(long key) {
        if (closed) {
            throw new ProbeException("BPF map already closed");
        }
        try (Memory k = new Memory(8)) {
            k.setLong(0, key);
            BpfMapCalls.delete(fd, k);
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
