package dev.pyprobe.reader.proc;

import java.nio.file.Path;

/**
 * One file of a target's file system, held open (without being read: {@code O_PATH}) so that what
 * is examined and read later is this file, whatever is renamed over its name meanwhile.
 */
public final class TargetFile implements AutoCloseable {
    private final int fd;
    private final Path path;

    TargetFile(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /**
     * A path of this very file for the usual file APIs, valid until {@link #close()}:
     * {@code /proc/self/fd/N}, or a plain path under /proc/PID/root where the kernel cannot open
     * a name inside another root (see {@link TargetFiles}).
     */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }
}
