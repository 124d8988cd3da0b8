package dev.pyprobe.server.dap;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A running breakpoints_fixture.py, which calls functions a known number of times on command. */
final class BreakpointsFixture implements AutoCloseable {
    private static final long TIMEOUT_S = 30;

    final Path script;
    final Process process;
    private final BufferedReader stdout;
    private final Writer stdin;
    private final int pid;

    private BreakpointsFixture(Path script, Process process, int pid) {
        this.script = script;
        this.process = process;
        this.pid = pid;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static BreakpointsFixture start(String interpreter, Path dir) throws Exception {
        Path script = dir.resolve("breakpoints_fixture.py");
        try (InputStream in = BreakpointsFixture.class.getResourceAsStream("/dap/breakpoints_fixture.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder(interpreter, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BreakpointsFixture fx = new BreakpointsFixture(script, process, (int) SuitePythons.targetPid(process, interpreter));
        try {
            assertThat(fx.readLine()).isEqualTo("ready");
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return fx;
    }

    /** The Python process's host PID (for a container target, not the launcher's). */
    int pid() {
        return pid;
    }

    /** Sends a command and waits until the program says it is done (all its calls have returned). */
    void run(String command) throws Exception {
        stdin.write(command + "\n");
        stdin.flush();
        String word = command.split(" ")[0];
        assertThat(readLine()).isEqualTo("done " + word);
    }

    /** Sends a command without waiting for it to finish (the process may be stopped at a breakpoint). */
    void send(String command) throws Exception {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /** The next line the program prints, failing after a timeout. */
    String readLine() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    int lineOf(String marker) throws Exception {
        List<String> lines = Files.readAllLines(script);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " is not in " + script);
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
