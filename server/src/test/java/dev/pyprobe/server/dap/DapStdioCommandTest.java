package dev.pyprobe.server.dap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pyprobe dap} as a real process speaking DAP on its stdin/stdout, read frame by frame:
 * stdout must carry protocol messages and nothing else, and the process must exit after
 * {@code disconnect}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DapStdioCommandTest {

    @TempDir
    Path dir;

    private Process startPyprobe() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.pyprobe.server.cli.Main", "dap")
                .redirectError(dir.resolve("pyprobe.stderr").toFile())
                .start();
    }

    @Test
    void speaksOnlyDapOnStdoutAndExitsAfterDisconnect() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir)) {
            Process pyprobe = startPyprobe();
            try {
                RawDapWire wire = new RawDapWire(pyprobe.getInputStream(), pyprobe.getOutputStream());
                wire.request("initialize", "{\"clientID\":\"vscode\",\"adapterID\":\"pyprobe\"}");
                assertThat(wire.read().get("command").getAsString()).isEqualTo("initialize");
                assertThat(wire.read().get("event").getAsString()).isEqualTo("initialized");

                wire.request("attach", "{\"processId\":" + fx.pid() + "}");
                assertThat(wire.response("attach").get("success").getAsBoolean()).isTrue();
                wire.request("configurationDone", null);
                assertThat(wire.response("configurationDone").get("success").getAsBoolean()).isTrue();
                wire.request("threads", null);
                JsonObject threads = wire.response("threads");
                assertThat(threads.get("success").getAsBoolean()).isTrue();
                assertThat(threads.getAsJsonObject("body").getAsJsonArray("threads").toString())
                        .contains("alpha-worker").contains("beta-worker");

                wire.request("disconnect", "{\"terminateDebuggee\":true}");
                assertThat(wire.response("disconnect").get("success").getAsBoolean()).isTrue();
                List<String> trailing = new ArrayList<>();
                int b;
                while ((b = pyprobe.getInputStream().read()) >= 0 && trailing.size() < 100_000) {
                    trailing.add(Character.toString(b));
                }
                assertThat(String.join("", trailing)).as("stdout after the disconnect response").isEmpty();
                assertThat(pyprobe.waitFor(30, TimeUnit.SECONDS)).as("pyprobe exits after disconnect").isTrue();
                assertThat(pyprobe.exitValue()).isZero();
                assertThat(fx.process.isAlive()).as("the target outlives the session").isTrue();
            } finally {
                pyprobe.destroyForcibly();
            }
        }
    }
}
