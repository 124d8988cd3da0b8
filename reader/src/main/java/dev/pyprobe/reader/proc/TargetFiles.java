package dev.pyprobe.reader.proc;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Files of a target's file system, opened by the names the target uses for them (a code object's
 * file name, a module's {@code __file__}), for the reader to examine and read.
 *
 * <p>A target in a container has a root of its own, reached through /proc/PID/root. A plain path
 * below that is not enough: the kernel resolves the absolute symbolic links and ".." met on the
 * way against <em>our</em> root, so a container's {@code /app -> /srv/app} would lead to the
 * host's /srv/app. {@code openat2} with {@code RESOLVE_IN_ROOT} resolves the whole name inside
 * the target's root, as the target itself would. Kernels before 5.6 (or a seccomp profile that
 * refuses openat2) only get the plain path, with that limit.
 */
public final class TargetFiles implements AutoCloseable {
    private static final long SYS_OPENAT = 257;
    private static final long SYS_OPENAT2 = 437;
    private static final long AT_FDCWD = -100;
    private static final long O_DIRECTORY = 0x10000;
    private static final long O_CLOEXEC = 0x80000;
    private static final long O_PATH = 0x200000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_IN_ROOT = 0x10;
    private static final int OPEN_HOW_SIZE = 24; // struct open_how { u64 flags, mode, resolve; }
    private static final int RACE_RETRIES = 3;

    private static volatile boolean openat2Works = true;

    private final Path root;
    private int rootFd = -1;

    private TargetFiles(Path root) {
        this.root = root;
    }

    /** The file system whose root is the directory {@code root} here, e.g. /proc/PID/root. */
    public static TargetFiles rootedAt(Path root) {
        return new TargetFiles(root);
    }

    /**
     * The file the target calls {@code name} (relative names start at its root), held open.
     *
     * @throws NoSuchFileException   when there is none
     * @throws AccessDeniedException when we may not open it
     * @throws IOException           any other failure, with the kernel's error
     */
    public synchronized TargetFile open(String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == 0) {
                throw new NoSuchFileException(name);
            }
        }
        if (!openat2Works) {
            return plain(name);
        }
        int dir = rootFd(name);
        for (int attempt = 0; ; attempt++) {
            long fd = openat2(dir, bytes, O_PATH | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            if (fd >= 0) {
                return new TargetFile((int) fd, Path.of("/proc/self/fd/" + fd));
            }
            int errno = (int) -fd;
            if (errno == LibC.EAGAIN && attempt < RACE_RETRIES) {
                continue; // a rename or mount raced the resolution: the kernel asks to try again
            }
            if (errno == LibC.ENOSYS || errno == LibC.EPERM) {
                // No openat2 (before Linux 5.6), or a seccomp profile refusing it: an O_PATH open
                // cannot fail with EPERM on its own.
                openat2Works = false;
                return plain(name);
            }
            throw failure(name, errno);
        }
    }

    private TargetFile plain(String name) {
        return new TargetFile(-1, root.resolve(name.startsWith("/") ? name.substring(1) : name));
    }

    private int rootFd(String name) throws IOException {
        if (rootFd < 0) {
            long fd;
            try (Memory path = cString(root.toString().getBytes(StandardCharsets.UTF_8))) {
                fd = result(LibC.syscall(SYS_OPENAT, AT_FDCWD, Memory.nativeValue(path),
                        O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0));
            }
            if (fd < 0) {
                throw failure(name + " (the target's root " + root + ")", (int) -fd);
            }
            rootFd = (int) fd;
        }
        return rootFd;
    }

    private static long openat2(int dir, byte[] name, long flags, long resolve) {
        // try-with-resources keeps both buffers alive until the call has returned.
        try (Memory path = cString(name); Memory how = new Memory(OPEN_HOW_SIZE)) {
            how.clear();
            how.setLong(0, flags);
            how.setLong(16, resolve);
            return result(LibC.syscall(SYS_OPENAT2, dir, Memory.nativeValue(path), Memory.nativeValue(how),
                    OPEN_HOW_SIZE, 0));
        }
    }

    /** The descriptor, or minus errno: taken at once, before freeing the call's buffers can touch errno. */
    private static long result(long returned) {
        return returned >= 0 ? returned : -LibC.errno();
    }

    private static Memory cString(byte[] bytes) {
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    private static IOException failure(String name, int errno) {
        switch (errno) {
            case LibC.ENOENT:
            case LibC.ENOTDIR:
                return new NoSuchFileException(name);
            case LibC.EACCES:
            case LibC.EPERM:
                return new AccessDeniedException(name);
            default:
                return new IOException(name + ": cannot be opened in the target's file system (errno " + errno + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (rootFd >= 0) {
            LibC.close(rootFd);
            rootFd = -1;
        }
    }
}
