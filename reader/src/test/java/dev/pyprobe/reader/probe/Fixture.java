package dev.pyprobe.reader.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A target process driven line by line over stdin/stdout, with a timeout on every answer so a
 * broken target fails the test instead of hanging it.
 */
final class Fixture implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);

    Fixture(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                lines.offer("EOF " + e.getMessage());
            }
        }, "fixture-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    int pid() {
        return (int) process.pid();
    }

    void send(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** The next output line starting with {@code prefix} (others are skipped), within 60 s. */
    String expect(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("output line starting with '%s' from pid %d", prefix, pid()).isNotNull();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Builds {@code src/test/c/NAME.c} with gcc into {@code dir}. */
    static Path compile(String name, Path dir, String... extraFlags) {
        Path source = Path.of(System.getenv().getOrDefault("PYPROBE_REPO", ".."), "reader/src/test/c", name + ".c");
        if (!Files.exists(source)) {
            source = Path.of("src/test/c", name + ".c");
        }
        Path out = dir.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of("gcc", "-O2", "-g0", "-pthread",
                "-I/usr/include/x86_64-linux-gnu", source.toString(), "-o", out.toString()));
        cmd.addAll(List.of(extraFlags));
        Readelf.run(cmd.toArray(String[]::new));
        return out;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
