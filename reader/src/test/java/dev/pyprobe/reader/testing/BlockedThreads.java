package dev.pyprobe.reader.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Waits for a fixture's threads to settle where it says they wait. After a fixture prints that it
 * is ready, its waiting threads still need the GIL back (a busy thread holds it) to reach their
 * blocking calls; until then they run, and a sampler rightly takes them.
 */
public final class BlockedThreads {
    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private BlockedThreads() {
    }

    /** Waits until the process has {@code threads} threads, all but {@code running} blocked in a system call other than a futex (a GIL wait). */
    public static void await(long pid, int threads, int running) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            List<Path> all;
            try (Stream<Path> list = Files.list(tasks)) {
                all = list.toList();
            }
            long blocked = all.stream().filter(BlockedThreads::blockedOutsideAFutex).count();
            if (all.size() == threads && blocked == threads - running) {
                return;
            }
            assertThat(System.nanoTime()).as("threads of %d blocked where they wait", pid).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** A task sleeping in a system call that is not futex (202 on x86-64). */
    private static boolean blockedOutsideAFutex(Path task) {
        try {
            String syscall = Files.readString(task.resolve("syscall"));
            return !syscall.startsWith("running") && !syscall.startsWith("202 ") && !syscall.startsWith("-1");
        } catch (IOException e) {
            return false;
        }
    }
}
