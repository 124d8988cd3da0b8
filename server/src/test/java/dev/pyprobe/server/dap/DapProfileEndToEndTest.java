package dev.pyprobe.server.dap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.PythonTargets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * pyprobe's custom {@code pyprobeProfile} request over the DAP wire, as the VS Code extension
 * sends it (also through a remote {@code pyprobe serve}): the flame graph and per-line samples of
 * the attached process, while other requests are answered meanwhile.
 */
@Timeout(120)
class DapProfileEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aProfileRequestAnswersWithTheFlameGraphAndTheSamplesPerLine() throws Exception {
        String python = dev.pyprobe.reader.testing.SuitePythons.pyenv("3.12.1");
        PythonInterpreters.requireInstalled(python);
        Path script = dir.resolve("sampled_target.py");
        Files.copy(DapProfileEndToEndTest.class.getResourceAsStream("/sampling/sampled_target.py"), script);
        Process target = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        DapSessionStarter.RunningSession session = null;
        try {
            assertThat(new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8)).readLine())
                    .isEqualTo("ready");
            long pid = dev.pyprobe.reader.testing.SuitePythons.targetPid(target, python);
            session = new PyprobeSessionStarter(PythonTargets::attach).start(Channels.newInputStream(toServer.source()),
                    Channels.newOutputStream(fromServer.sink()), AttachGuard.ALLOW_ALL);
            RawDapWire wire = new RawDapWire(Channels.newInputStream(fromServer.source()),
                    Channels.newOutputStream(toServer.sink()));
            wire.request("initialize", "{\"adapterID\":\"pyprobe\"}");
            wire.response("initialize");
            wire.request("attach", "{\"processId\":" + pid + "}");
            assertThat(wire.response("attach").get("success").getAsBoolean()).isTrue();

            wire.request("pyprobeProfile", "{\"durationSeconds\":1.5,\"rate\":200,\"mode\":\"bogus\"}");
            JsonObject refused = wire.response("pyprobeProfile");
            assertThat(refused.get("success").getAsBoolean()).isFalse();
            assertThat(refused.toString()).contains("mode must be wall, cpu or gil");

            wire.request("pyprobeProfile", "{\"durationSeconds\":1.5,\"rate\":200}");
            wire.request("threads", "{}");
            JsonObject threads = wire.response("threads");
            JsonObject profile = wire.response("pyprobeProfile");
            assertThat(threads.get("success").getAsBoolean()).as("answered while the profile records").isTrue();
            assertThat(profile.get("success").getAsBoolean()).as(profile.toString()).isTrue();
            JsonObject body = profile.getAsJsonObject("body");
            assertThat(body.get("samples").getAsLong()).isPositive();
            assertThat(body.get("mode").getAsString()).isEqualTo("wall");
            assertThat(body.get("html").getAsString()).startsWith("<!DOCTYPE html>").contains("acquireVsCodeApi");
            JsonArray lines = body.getAsJsonArray("lines");
            int hotLine = lineOf(script, "total += i * i");
            boolean sawHot = false;
            for (JsonElement l : lines) {
                JsonObject line = l.getAsJsonObject();
                assertThat(line.get("total").getAsLong()).isGreaterThanOrEqualTo(line.get("self").getAsLong());
                if (line.get("path").getAsString().equals(script.toString()) && line.get("line").getAsInt() == hotLine) {
                    sawHot = line.get("self").getAsLong() > 0;
                }
            }
            assertThat(sawHot).as("samples on the hot loop's line %d", hotLine).isTrue();
        } finally {
            if (session != null) {
                session.close();
            }
            target.descendants().forEach(ProcessHandle::destroyForcibly);
            target.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int lineOf(Path file, String text) throws Exception {
        var all = Files.readAllLines(file);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
