package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code pyprobe serve} as its own JVM, started through Main as the launcher starts it. */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("pyprobe listening on (\\S+):(\\d+)");

    final Process process;
    final int port;
    private final StringBuffer stderr;

    private ServeProcess(Process process, int port, StringBuffer stderr) {
        this.process = process;
        this.port = port;
        this.stderr = stderr;
    }

    static ServeProcess start(String... serveArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pyprobe.server.cli.Main", "serve"));
        command.addAll(List.of(serveArgs));
        Process process = new ProcessBuilder(command).start();
        StringBuffer stderr = new StringBuffer();
        Thread pump = new Thread(() -> pump(process, stderr), "serve-stderr");
        pump.setDaemon(true);
        pump.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("serve did not print its address; stderr: " + stderr, e);
        }
        assertThat(line).as("serve's stdout; stderr: " + stderr).isNotNull();
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return new ServeProcess(process, Integer.parseInt(m.group(2)), stderr);
    }

    /** Everything the server wrote on stderr so far. */
    String stderr() {
        return stderr.toString();
    }

    /** Waits (bounded) until stderr contains {@code text}; returns stderr either way. */
    String awaitStderr(String text) throws InterruptedException {
        for (int i = 0; i < 500 && !stderr().contains(text); i++) {
            Thread.sleep(10);
        }
        return stderr();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(Process process, StringBuffer into) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                into.append(line).append('\n');
            }
        } catch (IOException e) {
            // The server is gone: nothing more to collect.
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
