package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Response times of {@code stackTrace} (all 50 frames) and of {@code scopes} + {@code variables}
 * (the innermost frame's locals), over a real TCP session to a real 50-deep Python stack. Prints
 * figures; asserts only that the answers are right.
 * Run alone: {@code mvn -pl server -am test -Dtest=StackTraceAndVariablesBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StackTraceAndVariablesBench {
    private static final int WARMUP = 50;
    private static final int RUNS = 500;

    @TempDir
    Path dir;

    @Test
    void stackTraceAndVariablesOnA50DeepStack() throws Exception {
        ParkedThreadsTarget.requirePython();
        Path script = dir.resolve("deep_stack.py");
        try (InputStream in = getClass().getResourceAsStream("/transport/deep_stack.py")) {
            Files.copy(in, script);
        }
        Process python = new ProcessBuilder(ParkedThreadsTarget.PYTHON, script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        TestServers servers = new TestServers();
        TcpServerConfig config = servers.config(Optional.empty(), Optional.empty(), FrameLimits.defaults(), 4,
                Duration.ofSeconds(30));
        try (TcpServer server = TcpServer.start(config, new RecordingStarter());
             TestConnection c = TestConnection.open(server.address())) {
            int pid = Integer.parseInt(new BufferedReader(new InputStreamReader(python.getInputStream(),
                    StandardCharsets.UTF_8)).readLine().trim());
            JsonObject init = new JsonObject();
            init.addProperty("adapterID", "pyprobe");
            c.request(DapWire.request(1, "initialize", init));
            JsonObject attach = new JsonObject();
            attach.addProperty("processId", pid);
            assertThat(c.request(DapWire.request(2, "attach", attach)).get("success").getAsBoolean()).isTrue();
            int threadId = c.request(DapWire.request(3, "threads", null)).getAsJsonObject("body")
                    .getAsJsonArray("threads").get(0).getAsJsonObject().get("id").getAsInt();
            JsonObject pause = new JsonObject();
            pause.addProperty("threadId", threadId);
            c.request(DapWire.request(4, "pause", pause));
            assertThat(c.event("stopped")).isNotNull();

            int seq = 10;
            long[] stackTimes = new long[RUNS];
            long[] variableTimes = new long[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                JsonObject args = new JsonObject();
                args.addProperty("threadId", threadId);
                long t0 = System.nanoTime();
                JsonArray frames = c.request(DapWire.request(seq++, "stackTrace", args)).getAsJsonObject("body")
                        .getAsJsonArray("stackFrames");
                long t1 = System.nanoTime();
                assertThat(frames).hasSize(51);
                JsonObject scopesArgs = new JsonObject();
                scopesArgs.addProperty("frameId", frames.get(0).getAsJsonObject().get("id").getAsInt());
                JsonArray scopes = c.request(DapWire.request(seq++, "scopes", scopesArgs)).getAsJsonObject("body")
                        .getAsJsonArray("scopes");
                JsonObject varArgs = new JsonObject();
                varArgs.addProperty("variablesReference", scopes.get(0).getAsJsonObject().get("variablesReference").getAsInt());
                JsonArray variables = c.request(DapWire.request(seq++, "variables", varArgs)).getAsJsonObject("body")
                        .getAsJsonArray("variables");
                long t2 = System.nanoTime();
                assertThat(variables).hasSizeGreaterThanOrEqualTo(5);
                if (i >= WARMUP) {
                    stackTimes[i - WARMUP] = t1 - t0;
                    variableTimes[i - WARMUP] = t2 - t1;
                }
            }
            report("stackTrace (51 frames)", stackTimes);
            report("scopes + variables (innermost frame)", variableTimes);
        } finally {
            python.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void report(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-40s median %.3f ms, p90 %.3f ms, max %.3f ms (%d requests)%n", what,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.9)] / 1e6, nanos[nanos.length - 1] / 1e6,
                nanos.length);
    }
}
