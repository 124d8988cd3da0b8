package dev.pyprobe.reader.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which PID namespace a process lives in, as the kernel names namespaces to BPF programs: the
 * device and inode of its {@code /proc/PID/ns/pid} file. A program given them can ask for the
 * ids of the thread it runs on as that namespace numbers them, which is how the target itself
 * (and pyprobe's thread list) names its threads, wherever pyprobe runs.
 */
public record PidNamespaceId(long dev, long ino) {

    public static PidNamespaceId of(int pid) throws IOException {
        Path ns = Path.of("/proc", Integer.toString(pid), "ns", "pid");
        return new PidNamespaceId(((Number) Files.getAttribute(ns, "unix:dev")).longValue(),
                ((Number) Files.getAttribute(ns, "unix:ino")).longValue());
    }
}
