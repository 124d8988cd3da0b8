package dev.pyprobe.server.cli;

import dev.pyprobe.reader.proc.NamespaceIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Python script shipped inside pyprobe (the demo, the benchmark target), run as a child process
 * that prints a ready line once it is where we want to read it. Closing stops it.
 */
final class BundledScript implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path file;
    private final BufferedReader output;

    private BundledScript(Process process, Path file) {
        this.process = process;
        this.file = file;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static BundledScript start(String python, String resource, String readyLine, String... args) {
        Path file;
        try (InputStream in = BundledScript.class.getResourceAsStream(resource)) {
            file = Files.createTempFile("pyprobe-", "-" + resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + resource, e);
        }
        List<String> command = new ArrayList<>(List.of(python, file.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + python + ": " + e.getMessage(), e);
        }
        BundledScript script = new BundledScript(process, file);
        script.awaitLine(readyLine);
        return script;
    }

    private void awaitLine(String expected) {
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.equals(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            if (!ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException("the script exited before it was ready");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the script");
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the script did not become ready in " + READY_TIMEOUT_SECONDS + " s");
        }
    }

    /**
     * The script's process: the one started, or where {@code python} is a launcher that runs it in
     * a PID namespace of its own (a container), its descendant there.
     */
    int pid() {
        return (int) process.descendants()
                .filter(p -> NamespaceIds.ofProcess(p.pid()).map(NamespaceIds::nested).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    /** The next line the script prints. */
    String readLine() {
        try {
            String line = output.readLine();
            if (line == null) {
                throw new IllegalStateException("the script exited");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from the script", e);
        }
    }

    /** Sends one line to the script and returns the line it answers. */
    String ask(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            String answer = output.readLine();
            if (answer == null) {
                throw new IllegalStateException("the script exited");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to the script", e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }
}
