package dev.pyprobe.reader.python;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * tests/fixtures/blocked_threads.py under one interpreter of the suite (a container launcher or a
 * plain executable): every thread parked at a known place, and the fixture's own report of them
 * ({@code threads[].native_id} is the id each thread sees itself by). Closing its stdin ends it.
 */
final class ParkedThreadsFixture implements AutoCloseable {
    private static final String READY = "PYPROBE-FIXTURE-READY ";
    private static final long START_SECONDS = 60;

    final Process launcher;
    final int pid;
    final JsonObject report;

    private ParkedThreadsFixture(Process launcher, int pid, JsonObject report) {
        this.launcher = launcher;
        this.pid = pid;
        this.report = report;
    }

    static ParkedThreadsFixture start(String python) throws Exception {
        Path script = checkout().resolve("tests/fixtures/blocked_threads.py");
        Process launcher = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            List<String> before = new ArrayList<>();
            String line = CompletableFuture.supplyAsync(() -> readyLine(out, before)).get(START_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException(python + " " + script + " ended without reporting: " + before);
            }
            int pid = (int) SuitePythons.targetPid(launcher, python);
            return new ParkedThreadsFixture(launcher, pid, JsonParser.parseString(line.substring(READY.length())).getAsJsonObject());
        } catch (Exception e) {
            stop(launcher);
            throw e;
        }
    }

    private static String readyLine(BufferedReader out, List<String> before) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(READY)) {
                    return line;
                }
                before.add(line);
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The checkout: the nearest parent of the working directory with scripts/sid, as SuitePythons finds it. */
    private static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scripts/sid")) && Files.isDirectory(dir.resolve("tests/fixtures"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the pyprobe checkout above " + Path.of("").toAbsolutePath());
    }

    private static void stop(Process launcher) {
        try {
            launcher.getOutputStream().close(); // the fixture's main thread returns from its read and exits
            if (!launcher.waitFor(10, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (IOException e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(launcher);
    }
}
