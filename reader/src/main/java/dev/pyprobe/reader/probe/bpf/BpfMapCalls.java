package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import dev.pyprobe.reader.probe.perf.Kernel;

/**
 * The bpf(2) map commands pyprobe uses, on {@code union bpf_attr} (include/uapi/linux/bpf.h):
 * create a map, read an element, write one. Every map class goes through here.
 */
final class BpfMapCalls {
    static final int TYPE_HASH = 1;
    static final int TYPE_ARRAY = 2;
    static final int TYPE_PERF_EVENT_ARRAY = 4;

    private static final int BPF_MAP_CREATE = 0;
    private static final int BPF_MAP_LOOKUP_ELEM = 1;
    private static final int BPF_MAP_UPDATE_ELEM = 2;
    private static final int BPF_MAP_DELETE_ELEM = 3;
    private static final int ATTR_SIZE = 128;

    private BpfMapCalls() {
    }

    /** A new map's descriptor; {@code what} names it in errors. */
    static int create(int type, int keySize, int valueSize, int entries, String what) {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, type);
            attr.setInt(4, keySize);
            attr.setInt(8, valueSize);
            attr.setInt(12, entries);
            int fd = (int) Kernel.syscall(Kernel.SYS_BPF, BPF_MAP_CREATE, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
            if (fd < 0) {
                int errno = Kernel.errno();
                if (errno == Kernel.EPERM) {
                    throw new ProbePermissionException(what + " (needs CAP_BPF)", errno);
                }
                throw new ProbeException("the kernel refused " + what + " with " + Kernel.errnoName(errno), errno);
            }
            return fd;
        }
    }

    /** Reads the element of {@code key} into {@code value}; false when there is none. */
    static boolean lookup(int mapFd, Memory key, Memory value) {
        if (call(BPF_MAP_LOOKUP_ELEM, mapFd, key, value) == 0) {
            return true;
        }
        int errno = Kernel.errno();
        if (errno == Kernel.ENOENT) {
            return false;
        }
        throw new ProbeException("cannot read a BPF map element: " + Kernel.errnoName(errno), errno);
    }

    /** Writes the element of {@code key}. */
    static void update(int mapFd, Memory key, Memory value) {
        if (call(BPF_MAP_UPDATE_ELEM, mapFd, key, value) != 0) {
            int errno = Kernel.errno();
            throw new ProbeException("cannot write a BPF map element: " + Kernel.errnoName(errno), errno);
        }
    }

    /** Removes the element of {@code key}; false when there was none. */
    static boolean delete(int mapFd, Memory key) {
        if (call(BPF_MAP_DELETE_ELEM, mapFd, key, null) == 0) {
            return true;
        }
        int errno = Kernel.errno();
        if (errno == Kernel.ENOENT) {
            return false;
        }
        throw new ProbeException("cannot remove a BPF map element: " + Kernel.errnoName(errno), errno);
    }

    private static long call(int command, int mapFd, Memory key, Memory value) {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, mapFd);
            attr.setLong(8, Memory.nativeValue(key));
            attr.setLong(16, value == null ? 0 : Memory.nativeValue(value));
            return Kernel.syscall(Kernel.SYS_BPF, command, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
        }
    }
}
