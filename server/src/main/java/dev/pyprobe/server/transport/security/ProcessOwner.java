package dev.pyprobe.server.transport.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The real uid of a process, from {@code /proc/PID/status}. The guard needs it before the session
 * opens the target, so it reads only this file and not the process's memory.
 */
final class ProcessOwner {
    private final Path procRoot;

    ProcessOwner(Path procRoot) {
        this.procRoot = procRoot;
    }

    static ProcessOwner system() {
        return new ProcessOwner(Path.of("/proc"));
    }

    /** Empty when there is no such process or its status cannot be read. */
    OptionalInt uidOf(int pid) {
        if (pid <= 0) {
            return OptionalInt.empty();
        }
        try {
            for (String line : Files.readAllLines(procRoot.resolve(Integer.toString(pid)).resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring(4).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
