package dev.pyprobe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.DapSessionStarter;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} run in-process with a starter that records the guard each session gets. */
class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("pyprobe listening on (\\S+):(\\d+)");

    private final List<AttachGuard> guards = new CopyOnWriteArrayList<>();
    private final DapSessionStarter recording = (in, out, guard) -> {
        guards.add(guard);
        return new DapSessionStarter.RunningSession() {
            @Override
            public void awaitEnd() throws InterruptedException {
                Thread.sleep(Long.MAX_VALUE);
            }

            @Override
            public void close() {
            }
        };
    };
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    /** A running {@code serve}: its stdout line, its stderr, and the thread to interrupt. */
    private final class Running implements AutoCloseable {
        final Thread thread;
        final int[] exit = {-1};
        final String line;

        Running(String... args) throws Exception {
            PipedWriter pipe = new PipedWriter();
            BufferedReader stdout = new BufferedReader(new PipedReader(pipe));
            CommandLine cli = new CommandLine(new ServeCommand(recording));
            cli.setOut(new PrintWriter(pipe, true));
            cli.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit[0] = cli.execute(args));
            thread.start();
            line = stdout.readLine();
        }

        InetSocketAddress address() {
            Matcher m = LISTENING.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(2)));
        }

        AttachGuard connectAndGetGuard() throws Exception {
            int before = guards.size();
            try (Socket s = new Socket()) {
                s.connect(address(), 5000);
                for (int i = 0; i < 500 && guards.size() == before; i++) {
                    Thread.sleep(10);
                }
            }
            return guards.get(before);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new ServeCommand((in, o, g) -> {
            throw new AssertionError("no session expected");
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printsTheRealPortAndNeedsNoTokenOnLoopback() throws Exception {
        try (Running serve = new Running("--port", "0")) {
            assertThat(serve.line).matches("pyprobe listening on 127\\.0\\.0\\.1:\\d+");
            assertThat(serve.address().getPort()).isPositive();
            serve.connectAndGetGuard().check(1, Map.of());
        }
    }

    @Test
    void ipv6LoopbackIsLoopbackAndPrintedInBrackets() throws Exception {
        try (Running serve = new Running("--host", "::1", "--port", "0")) {
            Matcher m = Pattern.compile("pyprobe listening on \\[::1\\]:(\\d+)").matcher(serve.line);
            assertThat(m.matches()).as(serve.line).isTrue();
            assertThat(err.toString()).doesNotContain("token");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("::1", Integer.parseInt(m.group(1))), 5000);
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aNonLoopbackListenGeneratesAndRequiresAToken() throws Exception {
        try (Running serve = new Running("--host", "0.0.0.0", "--port", "0")) {
            assertThat(serve.line).startsWith("pyprobe listening on 0.0.0.0:");
            Matcher m = Pattern.compile("pyprobe token: (\\S+)").matcher(err.toString());
            assertThat(m.find()).as(err.toString()).isTrue();
            String token = m.group(1);
            assertThat(err.toString()).contains("clear text");
            AttachGuard guard = serve.connectAndGetGuard();
            guard.check(1, Map.of("token", token));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check(1, Map.of("token", token + "x")))
                    .hasMessageContaining("authentication failed");
            assertThat(err.toString()).contains("attach refused: authentication failed (wrong token)");
        }
    }

    @Test
    void anExplicitTokenIsRequiredOnLoopbackToo() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        try (Running serve = new Running("--port", "0", "--token-file", file.toString())) {
            AttachGuard guard = serve.connectAndGetGuard();
            guard.check(1, Map.of("token", "from-file"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check(1, Map.of()))
                    .hasMessageContaining("authentication failed");
        }
    }

    @Test
    void tlsWithoutFilesPrintsTheFingerprintOfAGeneratedCertificate() throws Exception {
        try (Running serve = new Running("--port", "0", "--tls")) {
            assertThat(err.toString()).containsPattern("SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        }
    }

    @Test
    void badOptionsGiveAClearMessageAndNoServer() {
        StringWriter out = new StringWriter();
        StringWriter e1 = new StringWriter();
        assertThat(execute(out, e1, "--port", "70000")).isEqualTo(2);
        assertThat(e1.toString()).contains("--port must be between 0 and 65535");
        StringWriter e2 = new StringWriter();
        assertThat(execute(out, e2, "--cert", "/nonexistent.pem")).isEqualTo(2);
        assertThat(e2.toString()).contains("--cert and --key go together");
        StringWriter e3 = new StringWriter();
        assertThat(execute(out, e3, "--token", "a", "--token-file", "b")).isEqualTo(2);
        assertThat(e3.toString()).contains("mutually exclusive");
        StringWriter e4 = new StringWriter();
        assertThat(execute(out, e4, "--allow-user", "no-such-user-here")).isEqualTo(2);
        assertThat(e4.toString()).contains("unknown user: no-such-user-here");
        StringWriter e5 = new StringWriter();
        assertThat(execute(out, e5, "--cert", "/nonexistent.pem", "--key", "/nonexistent.key", "--port", "0")).isEqualTo(1);
        assertThat(e5.toString()).contains("cannot read /nonexistent.pem");
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void aPortInUseIsReportedNotThrown() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter out = new StringWriter();
            StringWriter e = new StringWriter();
            assertThat(execute(out, e, "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(e.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

}
