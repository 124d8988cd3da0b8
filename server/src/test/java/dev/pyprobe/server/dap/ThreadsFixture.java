package dev.pyprobe.server.dap;

import com.google.gson.Gson;
import dev.pyprobe.reader.testing.SuitePythons;
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
 * report of its stacks, of the addresses of known objects and of the repr() of others, to compare
 * pyprobe's answers with. Another script of the same kind (one JSON line with at least its pid
 * first, then commands on stdin) runs through {@link #start(String, Path, String)}.
 */
public final class ThreadsFixture implements AutoCloseable {
    private static final long START_TIMEOUT_S = 30;
    private static final String SCRIPT = "threads_fixture.py";

    final Path script;
    final Process process;
    final JsonObject report;
    private final BufferedReader stdout;
    private final Writer stdin;
    private final int pid;

    private ThreadsFixture(Path script, Process process, BufferedReader stdout, JsonObject report, int pid) {
        this.script = script;
        this.process = process;
        this.pid = pid;
        this.stdout = stdout;
        this.report = report;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Copies the script into {@code dir} and runs it with {@code interpreter} until it has reported. */
    static ThreadsFixture start(String interpreter, Path dir) throws Exception {
        return start(interpreter, dir, SCRIPT);
    }

    /** The same for another script of the test resources' dap folder. */
    public static ThreadsFixture start(String interpreter, Path dir, String name) throws Exception {
        Path script = copyScript(dir, name);
        return run(List.of(interpreter, script.toString()), script, interpreter);
    }

    /**
     * Runs the script in a mount namespace of its own where {@code dir/shown} is a bind mount of
     * {@code dir/real}: the target reads its code from a file that is not the one at the same
     * path here (which holds {@code decoy}), as a process in a container does.
     */
    static ThreadsFixture startBehindBindMount(String interpreter, Path dir, String decoy) throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path shown = Files.createDirectories(dir.resolve("shown"));
        copyScript(real, SCRIPT);
        Path script = shown.resolve(SCRIPT);
        Files.writeString(script, decoy);
        String inNamespace = "mount --bind '" + real + "' '" + shown + "' && exec '" + interpreter + "' '" + script + "'";
        return run(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", inNamespace), script, interpreter);
    }

    private static Path copyScript(Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = ThreadsFixture.class.getResourceAsStream("/dap/" + name)) {
            Files.copy(in, script);
        }
        return script;
    }

    private static ThreadsFixture run(List<String> command, Path script, String interpreter) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(START_TIMEOUT_S, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("fixture exited before reporting (exit " + process.waitFor() + ")");
            }
            JsonObject report = new Gson().fromJson(line, JsonObject.class);
            int pid = SuitePythons.inContainer(interpreter) ? (int) SuitePythons.targetPid(process, interpreter)
                    : report.get("pid").getAsInt();
            return new ThreadsFixture(script, process, out, report, pid);
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

    /** The Python process's host PID (in a container, not the id it sees itself). */
    public int pid() {
        return pid;
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
