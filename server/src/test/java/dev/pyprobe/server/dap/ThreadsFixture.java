package dev.pyprobe.server.dap;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
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

/**
 * A running threads_fixture.py: two named threads parked at known lines, and the program's own
 * report of its stacks and of the addresses of known objects, to compare pyprobe's answers with.
 */
final class ThreadsFixture implements AutoCloseable {
    private static final long START_TIMEOUT_S = 30;

    final Path script;
    final Process process;
    final JsonObject report;
    private final BufferedReader stdout;
    private final Writer stdin;

    private ThreadsFixture(Path script, Process process, BufferedReader stdout, JsonObject report) {
        this.script = script;
        this.process = process;
        this.stdout = stdout;
        this.report = report;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Copies the script into {@code dir} and runs it with {@code interpreter} until it has reported. */
    static ThreadsFixture start(String interpreter, Path dir) throws Exception {
        Path script = dir.resolve("threads_fixture.py");
        try (InputStream in = ThreadsFixture.class.getResourceAsStream("/dap/threads_fixture.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder(interpreter, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(START_TIMEOUT_S, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("fixture exited before reporting (exit " + process.waitFor() + ")");
            }
            return new ThreadsFixture(script, process, out, new Gson().fromJson(line, JsonObject.class));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int pid() {
        return report.get("pid").getAsInt();
    }

    JsonObject thread(String name) {
        for (var t : report.getAsJsonArray("threads")) {
            if (t.getAsJsonObject().get("name").getAsString().equals(name)) {
                return t.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException("no thread " + name + " in " + report);
    }

    /** The 1-based line of the line that carries {@code # marker}. */
    int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(script);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("# " + marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no marker " + marker);
    }

    /** Sends a command (spawn, join) and waits for the fixture to confirm it. */
    void command(String command) throws Exception {
        stdin.write(command + "\n");
        stdin.flush();
        String answer = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(30, TimeUnit.SECONDS);
        if (!("done " + command).equals(answer)) {
            throw new IllegalStateException("fixture answered " + answer + " to " + command);
        }
    }

    /** Makes the program end on its own, as a real target would. */
    void exit() throws Exception {
        stdin.write("exit\n");
        stdin.flush();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fixture did not exit");
        }
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
