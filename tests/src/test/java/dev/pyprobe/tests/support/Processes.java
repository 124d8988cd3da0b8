package dev.pyprobe.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Plain processes for error cases: one that is not Python, and a PID that names nothing. */
public final class Processes {
    private Processes() {
    }

    /** A started process, killed on close. */
    public record Running(Process process) implements AutoCloseable {
        public int pid() {
            return (int) process.pid();
        }

        /** Waits until the process runs the named program (the JVM forks through a helper first). */
        public Running awaitExecutable(String fileName, Duration timeout) throws IOException, InterruptedException {
            Path exe = Path.of("/proc", Integer.toString(pid()), "exe");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.readSymbolicLink(exe).getFileName().toString().equals(fileName)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(pid() + " never ran " + fileName);
                }
                Thread.sleep(10);
            }
            return this;
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Running start(String... command) throws IOException {
        return new Running(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The PID of a process that has just exited and been reaped (PIDs are reused only after wrapping). */
    public static int unusedPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("true(1) did not exit");
            }
            int pid = (int) p.pid();
            if (Files.exists(Path.of("/proc", Integer.toString(pid)))) {
                throw new IllegalStateException("pid " + pid + " was reused at once");
            }
            return pid;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run true(1)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
