package dev.pyprobe.tests.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the ./pyprobe launcher as a real subprocess, the way a user or a script would. */
public final class Cli {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static boolean warmedUp;

    private Cli() {
    }

    /** Exit status and both outputs, decoded as UTF-8. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Result run(String... args) {
        warmUp();
        return launch(args);
    }

    /**
     * Runs the launcher once before any test does: it may first build the jar and say so on
     * stderr, which must not land in the output a test examines.
     */
    private static synchronized void warmUp() {
        if (!warmedUp) {
            Result version = launch("--version");
            if (version.exitCode() != 0) {
                fail("./pyprobe --version failed: " + version);
            }
            warmedUp = true;
        }
    }

    private static Result launch(String... args) {
        Path launcher = Repository.launcher();
        if (!Files.isExecutable(launcher)) {
            fail("no executable launcher at " + launcher);
        }
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.root().toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = readAll(p.getInputStream());
            CompletableFuture<String> err = readAll(p.getErrorStream());
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(command + " did not finish within " + TIMEOUT);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** On its own thread: the common pool may have a single worker, and two blocking reads must not queue. */
    private static CompletableFuture<String> readAll(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "cli-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
