package dev.pyprobe.reader.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the program a container launcher started: the descendant that lives in a PID namespace
 * nested in ours, seen through the {@code NSpid:} line of {@code /proc/PID/status} (one id per
 * namespace level, the host's first).
 */
public final class ContainerProcesses {
    private static final long WAIT_MILLIS = 30_000;

    private ContainerProcesses() {
    }

    /** The host PID of the first descendant of {@code launcher} in a nested PID namespace; waits for it to appear. */
    public static long innermost(ProcessHandle launcher) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<ProcessHandle> inside = launcher.descendants().filter(p -> namespaceLevels(p.pid()) > 1).findFirst();
            if (inside.isPresent()) {
                return inside.get().pid();
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("container launcher " + launcher.pid() + " exited before its program started");
            }
            sleep();
        }
        throw new IllegalStateException("no process in a nested PID namespace under " + launcher.pid()
                + " after " + WAIT_MILLIS + " ms");
    }

    /** The ids of a task in each PID namespace it belongs to, host first; empty when it is gone. */
    public static List<Integer> namespaceIds(Path statusFile) {
        try {
            for (String line : Files.readAllLines(statusFile)) {
                if (line.startsWith("NSpid:")) {
                    return Arrays.stream(line.substring(6).trim().split("\\s+")).map(Integer::valueOf).toList();
                }
            }
        } catch (IOException e) {
            // gone
        }
        return List.of();
    }

    private static int namespaceLevels(long pid) {
        return namespaceIds(Path.of("/proc", Long.toString(pid), "status")).size();
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a container's program", e);
        }
    }
}
