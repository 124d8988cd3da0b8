package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.ProbePermissionException;
import dev.pyprobe.reader.probe.perf.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's count of the time BPF programs run, which it keeps only while someone asks for it
 * (bpf(BPF_ENABLE_STATS), Linux 5.8+): the time a program spends is charged to whatever thread it
 * interrupted, so a benchmark that wants pyprobe's whole cost must ask the kernel. Counting costs
 * each program run two clock reads, so it is on only while this is open.
 */
public final class BpfRunTime implements AutoCloseable {
    private static final int BPF_ENABLE_STATS = 32;
    private static final int BPF_STATS_RUN_TIME = 0;
    private static final int ATTR_SIZE = 128;

    private final int fd;

    private BpfRunTime(int fd) {
        this.fd = fd;
    }

    /** Turns the counting on until {@link #close}; a ProbeException says why the kernel refused. */
    public static BpfRunTime count() {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, BPF_STATS_RUN_TIME);
            int fd = (int) Kernel.syscall(Kernel.SYS_BPF, BPF_ENABLE_STATS, Memory.nativeValue(attr), ATTR_SIZE, 0, 0);
            if (fd < 0) {
                int errno = Kernel.errno();
                if (errno == Kernel.EPERM) {
                    throw new ProbePermissionException("counting BPF run time (needs CAP_SYS_ADMIN)", errno);
                }
                throw new ProbeException("the kernel refused to count BPF run time: " + Kernel.errnoName(errno), errno);
            }
            return new BpfRunTime(fd);
        }
    }

    /**
     * Nanoseconds {@code program} has run so far while counting was on (0 when it never was),
     * from its descriptor's {@code run_time_ns} in /proc/self/fdinfo.
     */
    static long of(BpfProgram program) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(program.fd())))) {
                if (line.startsWith("run_time_ns:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        Kernel.close(fd);
    }
}
