package dev.pyprobe.server.transport;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A real Python process running parked_threads.py: N workers parked at a known line. */
final class ParkedThreadsTarget implements AutoCloseable {
    static final String PYTHON = SuitePythons.pyenv("3.12.1");

    final Path script;
    final Process process;
    final int pid;

    private ParkedThreadsTarget(Path script, Process process, int pid) {
        this.script = script;
        this.process = process;
        this.pid = pid;
    }

    /** Fails under CI=true when the interpreter is missing; skips elsewhere. */
    static void requirePython() {
        boolean present = Files.isExecutable(Path.of(PYTHON));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("missing interpreter " + PYTHON);
        }
        Assumptions.assumeTrue(present, "no " + PYTHON);
    }

    static ParkedThreadsTarget start(Path dir, int workers) throws Exception {
        requirePython();
        Path script = dir.resolve("parked_threads.py");
        try (InputStream in = ParkedThreadsTarget.class.getResourceAsStream("/transport/parked_threads.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(workers))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(line).as("target's pid line").isNotNull();
            return new ParkedThreadsTarget(script, process, Integer.parseInt(line.trim()));
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The 1-based number of the line that ends with {@code # marker}. */
    int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(script);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("# " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no marker " + marker);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
