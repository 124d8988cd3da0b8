package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.Kernel;

/**
 * A row of 64-bit slots in the kernel (a BPF array map of one entry), shared between pyprobe and
 * its programs: a program's parameters (written here, read by the program) or its counters (added
 * to atomically by the program, read here). A program finds the row with one map lookup and then
 * reads slot {@code i} at byte {@code 8 * i}.
 */
public final class BpfMap implements AutoCloseable {

    private final int fd;
    private final int slots;
    private boolean closed;

    private BpfMap(int fd, int slots) {
        this.fd = fd;
        this.slots = slots;
    }

    /** A row of {@code slots} 64-bit values, all 0. */
    public static BpfMap slots(int slots) {
        return new BpfMap(BpfMapCalls.create(BpfMapCalls.TYPE_ARRAY, 4, 8 * slots, 1,
                "a BPF array map of " + slots + " slots"), slots);
    }

    public int fd() {
        return fd;
    }

    public int slots() {
        return slots;
    }

    /** Writes every slot at once (a program sees either the old row or the new one). */
    public synchronized void setAll(long[] values) {
        check(values.length - 1);
        try (Memory key = new Memory(4); Memory val = new Memory(8L * slots)) {
            key.setInt(0, 0);
            val.clear();
            for (int i = 0; i < values.length; i++) {
                val.setLong(8L * i, values[i]);
            }
            BpfMapCalls.update(fd, key, val);
        }
    }

    public synchronized long get(int slot) {
        check(slot);
        try (Memory key = new Memory(4); Memory val = new Memory(8L * slots)) {
            key.setInt(0, 0);
            if (!BpfMapCalls.lookup(fd, key, val)) {
                throw new ProbeException("a BPF array map has no row 0");
            }
            return val.getLong(8L * slot);
        }
    }

    private void check(int slot) {
        if (closed) {
            throw new ProbeException("BPF map already closed");
        }
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("slot " + slot + " of a BPF map of " + slots);
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
