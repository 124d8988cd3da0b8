package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyprobe.server.transport.security.TlsSetup;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time from TCP connect to the first stackTrace response, for a 20-thread Python target, through
 * pyprobe's real sessions: connect, initialize, attach, threads, pause (snapshot + stopped event),
 * stackTrace of one thread. Prints figures; asserts only that the answers are right.
 * Run alone: {@code mvn -pl server -am test -Dtest=ConnectToStackTraceBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConnectToStackTraceBench {
    private static final int WORKERS = 19; // plus the main thread: 20 threads
    private static final int WARMUP = 5;
    private static final int RUNS = 30;
    private static final String[] PHASES = {"connect", "initialize", "attach", "threads", "pause+stopped",
        "stackTrace", "total"};

    @TempDir
    Path dir;

    @Test
    void plainTcp() throws Exception {
        measure("plain TCP", Optional.empty());
    }

    @Test
    void tlsWithSelfSignedCertificate() throws Exception {
        measure("TLS", Optional.of(TlsSetup.selfSigned("127.0.0.1", new SecureRandom())));
    }

    private void measure(String label, Optional<TlsSetup> tls) throws Exception {
        TestServers servers = new TestServers();
        TcpServerConfig config = servers.config(Optional.empty(), tls.map(TlsSetup::context), FrameLimits.defaults(), 4,
                Duration.ofSeconds(30));
        try (ParkedThreadsTarget target = ParkedThreadsTarget.start(dir, WORKERS);
             TcpServer server = TcpServer.start(config, new RecordingStarter())) {
            List<long[]> samples = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long[] phases = once(server, tls, target.pid);
                if (i >= WARMUP) {
                    samples.add(phases);
                }
            }
            report(label, samples);
        }
    }

    private static long[] once(TcpServer server, Optional<TlsSetup> tls, int pid) throws Exception {
        long[] t = new long[PHASES.length];
        long start = System.nanoTime();
        try (TestConnection c = tls.isPresent()
                ? TlsServerTest.tlsClient(server, tls.get().certificate())
                : TestConnection.open(server.address())) {
            long mark = lap(t, 0, start);
            JsonObject init = new JsonObject();
            init.addProperty("adapterID", "pyprobe");
            assertThat(c.request(DapWire.request(1, "initialize", init)).get("success").getAsBoolean()).isTrue();
            mark = lap(t, 1, mark);
            JsonObject attach = new JsonObject();
            attach.addProperty("processId", pid);
            assertThat(c.request(DapWire.request(2, "attach", attach)).get("success").getAsBoolean()).isTrue();
            mark = lap(t, 2, mark);
            JsonArray threads = c.request(DapWire.request(3, "threads", null)).getAsJsonObject("body").getAsJsonArray("threads");
            assertThat(threads).hasSize(WORKERS + 1);
            int threadId = threads.get(0).getAsJsonObject().get("id").getAsInt();
            mark = lap(t, 3, mark);
            JsonObject pause = new JsonObject();
            pause.addProperty("threadId", threadId);
            assertThat(c.request(DapWire.request(4, "pause", pause)).get("success").getAsBoolean()).isTrue();
            assertThat(c.event("stopped")).isNotNull();
            mark = lap(t, 4, mark);
            JsonObject args = new JsonObject();
            args.addProperty("threadId", threadId);
            JsonObject stack = c.request(DapWire.request(5, "stackTrace", args));
            assertThat(stack.getAsJsonObject("body").getAsJsonArray("stackFrames")).isNotEmpty();
            lap(t, 5, mark);
            t[6] = System.nanoTime() - start;
            JsonObject disconnect = new JsonObject();
            disconnect.addProperty("terminateDebuggee", false);
            c.request(DapWire.request(6, "disconnect", disconnect));
        }
        return t;
    }

    private static long lap(long[] t, int phase, long since) {
        long now = System.nanoTime();
        t[phase] = now - since;
        return now;
    }

    private static void report(String label, List<long[]> samples) {
        System.out.printf("%nconnect -> first stackTrace, %d-thread target, %s, %d runs (after %d warm-up)%n",
                WORKERS + 1, label, samples.size(), WARMUP);
        System.out.printf("  %-14s %10s %10s %10s %10s%n", "phase", "min ms", "median ms", "p90 ms", "max ms");
        for (int p = 0; p < PHASES.length; p++) {
            long[] v = new long[samples.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = samples.get(i)[p];
            }
            Arrays.sort(v);
            System.out.printf("  %-14s %10.2f %10.2f %10.2f %10.2f%n", PHASES[p], ms(v[0]), ms(v[v.length / 2]),
                    ms(v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.9) - 1)]), ms(v[v.length - 1]));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
