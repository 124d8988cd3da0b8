package dev.pyprobe.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.pyprobe.reader.testing.ContainerProcesses;
import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A fixture program running under one interpreter. {@link #start} returns once the program has
 * printed its READY line; {@link #close} kills it and everything it started. Its stdin stays an
 * open pipe, so a fixture blocked on stdin exits by itself if the test JVM dies.
 *
 * <p>For an interpreter in a container, the process started is the container's launcher and the
 * fixture sees its own ids in its PID namespace: {@link #pid} is the host PID of the Python
 * process, and {@link #hostTid} maps the thread ids the fixture reports to the host's.
 */
public final class FixtureProcess implements AutoCloseable {
    public static final String READY_PREFIX = "PYPROBE-FIXTURE-READY ";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_CAPTURED_CHARS = 64 * 1024;
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .create();

    private final Interpreter interpreter;
    private final String script;
    private final Process process;
    private final OutputStream stdin;
    private final StringBuilder stderr = new StringBuilder();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private volatile long pythonPid;

    private FixtureProcess(Interpreter interpreter, String script, Process process) {
        this.interpreter = interpreter;
        this.script = script;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdoutPump = daemon("stdout", () -> pumpStdout(process.getInputStream()));
        this.stderrPump = daemon("stderr", () -> pumpStderr(process.getErrorStream()));
    }

    /** Starts tests/fixtures/{script} with the interpreter and waits for its READY line. */
    public static FixtureProcess start(Interpreter interpreter, String script, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(interpreter.requireExecutable().toString());
        command.add(Repository.fixture(script).toString()); // rewritten by a container's launcher
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // Same behaviour whatever the developer's shell has: UTF-8 everywhere, no stray modules.
        env.put("LC_ALL", "C.UTF-8");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.remove("PYTHONPATH");
        env.remove("PYTHONHOME");
        env.remove("PYTHONSTARTUP");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        FixtureProcess fixture = new FixtureProcess(interpreter, script, process);
        fixture.awaitReady(READY_TIMEOUT);
        return fixture;
    }

    public static FixtureProcess start(Interpreter interpreter, String script) {
        return start(interpreter, script, List.of());
    }

    /** The host PID of the Python process. */
    public int pid() {
        return (int) pythonPid;
    }

    /**
     * The host id of the fixture's thread whose id, as the fixture itself saw it, is
     * {@code ownTid}: the same number outside a container, else the task of this process whose
     * NSpid line ends with it.
     */
    public int hostTid(int ownTid) {
        if (!interpreter.inContainer()) {
            return ownTid;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid()), "task"))) {
            return tasks.filter(task -> {
                        List<Integer> ids = ContainerProcesses.namespaceIds(task.resolve("status"));
                        return ids.size() > 1 && ids.get(ids.size() - 1) == ownTid;
                    })
                    .map(task -> Integer.parseInt(task.getFileName().toString()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(this + " has no thread " + ownTid + " in its namespace"));
        } catch (IOException e) {
            throw new UncheckedIOException(this + " is gone", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JSON that followed the READY prefix. */
    public String readyJson() {
        return ready.join();
    }

    /** The self-report parsed into a record whose components are the JSON keys in camelCase. */
    public <T> T report(Class<T> type) {
        try {
            return GSON.fromJson(readyJson(), type);
        } catch (JsonParseException e) {
            throw new AssertionError("unparsable self-report of " + this + ": " + readyJson(), e);
        }
    }

    /** Sends one line to the fixture's stdin. */
    public void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + this, e);
        }
    }

    /** What the fixture wrote to stderr so far (the last 64 KiB). */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Waits until the process has exactly {@code count} kernel threads, e.g. until a fixture's
     * short-lived reporter thread is gone and the remaining threads are the reported ones.
     */
    public void awaitThreadCount(int count, Duration timeout) {
        Path tasks = Path.of("/proc", Integer.toString(pid()), "task");
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> list = Files.list(tasks)) {
                seen = (int) list.count();
            } catch (IOException e) {
                fail(this + " is gone while waiting for its threads; stderr:\n" + stderr());
            }
            if (seen == count) {
                return;
            }
            sleep(Duration.ofMillis(10));
        }
        fail(this + " has " + seen + " threads, expected " + count + " within " + timeout);
    }

    /** Kills the fixture and its descendants and waits for it to be gone. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(this + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(stdin);
    }

    @Override
    public String toString() {
        return script + " [pid " + (pythonPid != 0 ? pythonPid : process.pid()) + ", " + interpreter + "]";
    }

    private void awaitReady(Duration timeout) {
        String problem;
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String json = readyJson();
            int reportedPid = GSON.fromJson(json, PidOnly.class).pid();
            pythonPid = SuitePythons.targetPid(process, interpreter.requireExecutable().toString());
            if (hostTid(reportedPid) == pid()) {
                return;
            }
            problem = "reports pid " + reportedPid + ", not its own (" + pid() + " on the host)";
        } catch (TimeoutException e) {
            problem = "printed no READY line within " + timeout;
        } catch (ExecutionException e) {
            problem = e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while waiting for READY";
        } catch (JsonParseException e) {
            problem = "printed an unparsable READY line: " + e.getMessage();
        }
        close();
        joinQuietly(stderrPump);
        fail(this + " " + problem + "; exit status " + (process.isAlive() ? "none" : process.exitValue())
                + "; stderr:\n" + stderr());
    }

    private record PidOnly(int pid) {
    }

    private void pumpStdout(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(READY_PREFIX)) {
                    ready.complete(line.substring(READY_PREFIX.length()));
                }
            }
            ready.completeExceptionally(new IllegalStateException("exited before its READY line"));
        } catch (IOException e) {
            ready.completeExceptionally(new IllegalStateException("stdout failed: " + e.getMessage()));
        }
    }

    private void pumpStderr(InputStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            char[] buffer = new char[4096];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                synchronized (stderr) {
                    stderr.append(buffer, 0, n);
                    if (stderr.length() > MAX_CAPTURED_CHARS) {
                        stderr.delete(0, stderr.length() - MAX_CAPTURED_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // The process was killed; what was captured stays available.
        }
    }

    private Thread daemon(String stream, Runnable body) {
        Thread t = new Thread(body, "fixture-" + stream + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // The pipe is already broken because the process is dead; nothing to release.
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
