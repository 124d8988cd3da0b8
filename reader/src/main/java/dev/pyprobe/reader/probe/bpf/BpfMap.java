package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import dev.pyprobe.reader.probe.perf.Kernel;

/**
 * A row of 64-bit slots in the kernel (a BPF array map of one entry), shared between pyprobe and
 * its programs: a program's parameters (written here, read by the program) or its counters (added
 * to atomically by the program, read here). A program finds the row with one map lookup and then
 * reads slot {@code i} at byte {@code 8 * i}.
 */
public final class BpfMap implements AutoCloseable {
    private static final int BPF_MAP_CREATE = 0;
    private static final int BPF_MAP_LOOKUP_ELEM = 1;
    private static final int BPF_MAP_UPDATE_ELEM = 2;
    private static final int TYPE_ARRAY = 2;
    private static final int ATTR_SIZE = 128;

    private final int fd;
    private final int slots;
    private boolean closed;

    private BpfMap(int fd, int slots) {
        this.fd = fd;
        this.slots = slots;
    }

    /** A row of {@code slots} 64-bit values, all 0. */
    public static BpfMap slots(int slots) {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, TYPE_ARRAY);
            attr.setInt(4, 4); // key: u32 index
            attr.setInt(8, 8 * slots);
            attr.setInt(12, 1);
            int fd = (int) Kernel.syscall(Kernel.SYS_BPF, BPF_MAP_CREATE, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
            if (fd < 0) {
                int errno = Kernel.errno();
                if (errno == Kernel.EPERM) {
                    throw new ProbePermissionException("a BPF map (needs CAP_BPF)", errno);
                }
                throw new ProbeException("the kernel refused a BPF array map of " + slots + " slots with "
                        + Kernel.errnoName(errno), errno);
            }
            return new BpfMap(fd, slots);
        }
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
        try (Memory key = new Memory(4); Memory val = new Memory(8L * slots); Memory attr = elemAttr(key, val)) {
            key.setInt(0, 0);
            val.clear();
            for (int i = 0; i < values.length; i++) {
                val.setLong(8L * i, values[i]);
            }
            call(BPF_MAP_UPDATE_ELEM, attr, "write");
        }
    }

    public synchronized long get(int slot) {
        check(slot);
        try (Memory key = new Memory(4); Memory val = new Memory(8L * slots); Memory attr = elemAttr(key, val)) {
            key.setInt(0, 0);
            call(BPF_MAP_LOOKUP_ELEM, attr, "read");
            return val.getLong(8L * slot);
        }
    }

    private Memory elemAttr(Memory key, Memory value) {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        attr.setInt(0, fd);
        attr.setLong(8, Memory.nativeValue(key));
        attr.setLong(16, Memory.nativeValue(value));
        return attr;
    }

    private void call(int command, Memory attr, String verb) {
        if (Kernel.syscall(Kernel.SYS_BPF, command, Memory.nativeValue(attr), ATTR_SIZE, 0, 0) < 0) {
            int errno = Kernel.errno();
            throw new ProbeException("cannot " + verb + " a BPF map entry: " + Kernel.errnoName(errno), errno);
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
