package dev.pyprobe.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * bpftrace counting returns from one function of a process in the kernel, through the
 * interpreter's {@code function__return} USDT probe (it fires on 3.11 without a semaphore).
 * Its BEGIN probe prints a line once every probe is attached; SIGINT makes it print the count.
 */
final class BpftraceCounter implements AutoCloseable {
    private static final String ATTACHED = "pyprobe-bench: bpftrace attached";
    private static final long ATTACH_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final Pattern COUNT = Pattern.compile("@calls: (\\d+)");

    private final Process process;
    private final Thread reader;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch attachedOrExited = new CountDownLatch(1);
    private volatile boolean attached;

    private BpftraceCounter(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "pyprobe-bpftrace-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static boolean installed() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "bpftrace")));
    }

    /** bpftrace attached to {@code pid}, or an exception with its error line. */
    static BpftraceCounter attach(int pid, String function) {
        String program = "BEGIN { printf(\"" + ATTACHED + "\\n\"); } usdt:" + binary(pid)
                + ":python:function__return /str(arg1) == \"" + function + "\"/ { @calls = count(); }";
        Process process;
        try {
            process = new ProcessBuilder("bpftrace", "-p", Integer.toString(pid), "-e", program)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        BpftraceCounter bpftrace = new BpftraceCounter(process);
        bpftrace.awaitAttached();
        return bpftrace;
    }

    /** The executable the process runs: the real path behind {@code /proc/PID/exe}, which the usdt probe names. */
    private static String binary(int pid) {
        try {
            return Path.of("/proc", Integer.toString(pid), "exe").toRealPath().toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the executable of process " + pid + ": " + e.getMessage());
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(ATTACHED)) {
                    attached = true;
                    attachedOrExited.countDown();
                } else {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone: what it printed so far is all there is.
        } finally {
            attachedOrExited.countDown();
        }
    }

    private void awaitAttached() {
        try {
            if (!attachedOrExited.await(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException("no attach in " + ATTACH_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted");
        }
        if (!attached) {
            close();
            throw new IllegalStateException(errorLine());
        }
    }

    /** Stops bpftrace (SIGINT) and returns its count. */
    long stop() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bpftrace did not stop in " + STOP_TIMEOUT_SECONDS + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS)); // it has read the count by the end
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop bpftrace: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return count();
    }

    private long count() {
        synchronized (output) {
            for (String line : output) {
                Matcher m = COUNT.matcher(line.trim());
                if (m.matches()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new IllegalStateException("bpftrace printed no count: " + errorLine());
    }

    /** Its last error line (it also prints harmless ones, such as about RLIMIT_MEMLOCK, before attaching). */
    private String errorLine() {
        synchronized (output) {
            List<String> lines = output.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.stream().filter(l -> l.startsWith("ERROR")).reduce((a, b) -> b)
                    .or(() -> lines.stream().reduce((a, b) -> b))
                    .orElse("it exited without a word");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
