package dev.pyprobe.server.transport;

import dev.pyprobe.server.tracing.Condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * clients/pyprobe_client.py against {@code pyprobe serve} (its own JVM, real DAP sessions) and a
 * real Python target: the stacks it prints are the ones the target is parked in.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PythonClientEndToEndTest {
    private static final int WORKERS = 3;

    @TempDir
    Path dir;

    record Run(int exit, String stdout, String stderr) {
    }

    static Path repository() {
        String configured = System.getenv("PYPROBE_REPO");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("clients/pyprobe_client.py"))) {
                return p;
            }
        }
        throw new AssertionError("clients/pyprobe_client.py not found above " + start);
    }

    private Run client(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ParkedThreadsTarget.PYTHON,
                repository().resolve("clients/pyprobe_client.py").toString(), "--timeout", "60"));
        command.addAll(List.of(args));
        Path out = dir.resolve("client.out");
        Path err = dir.resolve("client.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("client did not finish; stderr: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    /** Thread title to frame lines, in the order printed. */
    private static List<List<String>> blocks(String stdout) {
        List<List<String>> blocks = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("Thread ")) {
                blocks.add(new ArrayList<>(List.of(line)));
            } else if (!line.isBlank()) {
                blocks.get(blocks.size() - 1).add(line.trim());
            }
        }
        return blocks;
    }

    private void assertStacksOf(ParkedThreadsTarget target, Run run) throws IOException {
        assertThat(run.exit()).as("client exit; stderr: " + run.stderr()).isZero();
        List<List<String>> blocks = blocks(run.stdout());
        assertThat(blocks).as(run.stdout()).hasSize(WORKERS + 1);
        String script = target.script.toString();
        String park = "park_here (" + script + ":" + target.lineOf("park") + ")";
        String call = "worker (" + script + ":" + target.lineOf("worker-call") + ")";
        for (int i = 0; i < WORKERS; i++) {
            // The server may add details after the Python name: "worker-0 (idle, tid 123)".
            String title = "\"worker-" + i + "[\" ].*";
            List<String> block = blocks.stream().filter(b -> b.get(0).matches("Thread \\d+ " + title)).findFirst()
                    .orElseThrow(() -> new AssertionError("no block for " + title + " in " + run.stdout()));
            assertThat(block).as(String.join("\n", block)).contains(park, call);
            assertThat(block.indexOf(park)).as("innermost first").isLessThan(block.indexOf(call));
            assertThat(block.get(1)).as("innermost frame is in threading's wait")
                    .matches("(Condition\\.)?wait \\(.*threading\\.py:\\d+\\)");
        }
        List<String> main = blocks.stream().filter(b -> b.get(0).matches("Thread \\d+ \"MainThread[\" ].*")).findFirst()
                .orElseThrow(() -> new AssertionError("no MainThread in " + run.stdout()));
        assertThat(main).contains("main (" + script + ":" + target.lineOf("main-park") + ")");
        assertThat(main.get(main.size() - 1)).startsWith("<module> (" + script + ":");
    }

    @Test
    void printsEveryThreadsStackOverPlainTcp() throws Exception {
        try (ParkedThreadsTarget target = ParkedThreadsTarget.start(dir, WORKERS);
             ServeProcess serve = ServeProcess.start("--port", "0")) {
            Run run = client("--port", Integer.toString(serve.port), Integer.toString(target.pid));
            assertStacksOf(target, run);
            assertThat(target.process.isAlive()).as("the target keeps running").isTrue();
        }
    }

    @Test
    void worksOverTlsWithAPinnedSelfSignedCertificateAndAToken() throws Exception {
        try (ParkedThreadsTarget target = ParkedThreadsTarget.start(dir, WORKERS);
             ServeProcess serve = ServeProcess.start("--port", "0", "--tls", "--token", "t-123")) {
            Matcher m = Pattern.compile("SHA-256 fingerprint: (\\S+)").matcher(serve.stderr());
            assertThat(m.find()).as(serve.stderr()).isTrue();
            String port = Integer.toString(serve.port);
            String pid = Integer.toString(target.pid);
            Run ok = client("--port", port, "--fingerprint", m.group(1), "--token", "t-123", pid);
            assertStacksOf(target, ok);

            Run wrongToken = client("--port", port, "--fingerprint", m.group(1), "--token", "t-124", pid);
            assertThat(wrongToken.exit()).isEqualTo(1);
            assertThat(wrongToken.stderr()).contains("attach failed").contains("authentication failed");
            assertThat(wrongToken.stdout()).isEmpty();
            assertThat(serve.awaitStderr("wrong token")).containsPattern(
                    "/127\\.0\\.0\\.1:\\d+: attach refused: authentication failed \\(wrong token\\) for attach to process " + pid);

            Run wrongCertificate = client("--port", port, "--fingerprint", "00".repeat(32), "--token", "t-123", pid);
            assertThat(wrongCertificate.exit()).isEqualTo(3);
            assertThat(wrongCertificate.stderr()).contains("fingerprint");
        }
    }

    @Test
    void aNonLoopbackServerHandsOutATokenAndRefusesAttachesWithoutIt() throws Exception {
        try (ParkedThreadsTarget target = ParkedThreadsTarget.start(dir, WORKERS);
             ServeProcess serve = ServeProcess.start("--host", "0.0.0.0", "--port", "0")) {
            Matcher m = Pattern.compile("pyprobe token: (\\S+)").matcher(serve.stderr());
            assertThat(m.find()).as(serve.stderr()).isTrue();
            String port = Integer.toString(serve.port);
            String pid = Integer.toString(target.pid);
            Run without = client("--port", port, pid);
            assertThat(without.exit()).isEqualTo(1);
            assertThat(without.stderr()).contains("authentication failed");
            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, m.group(1) + "\n");
            assertStacksOf(target, client("--port", port, "--token-file", tokenFile.toString(), pid));
        }
    }

    @Test
    void theClientsOwnProtocolTestsPass() throws Exception {
        ParkedThreadsTarget.requirePython();
        Process p = new ProcessBuilder(ParkedThreadsTarget.PYTHON, "-m", "unittest", "-v", "test_pyprobe_client")
                .directory(repository().resolve("clients").toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }
}
