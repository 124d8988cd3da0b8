package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A fixture program of {@code src/test/resources/sampling} running under one interpreter of the
 * suite, from the moment it prints "ready" until it is closed (killed).
 */
final class FixtureProcess implements AutoCloseable {
    final Process process;
    /** The Python process's PID on this host (not the launcher's, for a container build). */
    final int pid;

    /**
     * @param dir a directory under /tmp: the sid launchers see /tmp, not the test resources
     */
    FixtureProcess(String python, String fixture, Path dir) throws Exception {
        Path script = dir.resolve(fixture);
        if (!Files.exists(script)) {
            try (InputStream in = FixtureProcess.class.getResourceAsStream("/sampling/" + fixture)) {
                assertThat(in).as("fixture " + fixture).isNotNull();
                Files.copy(in, script);
            }
        }
        process = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            pid = (int) SuitePythons.targetPid(process, python);
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as(fixture + " under " + python).isEqualTo("ready");
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
