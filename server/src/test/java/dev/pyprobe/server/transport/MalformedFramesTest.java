package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed input thrown at a real server (pyprobe's real DAP sessions) over real
 * sockets: every such connection is answered or closed in bounded time, and a well-behaved session
 * alongside, attached to a real Python process, keeps being served.
 */
class MalformedFramesTest {
    private static final FrameLimits LIMITS = new FrameLimits(FrameLimits.DEFAULT_MAX_HEADER_BYTES, 1 << 20);
    private static final Duration INCOMPLETE_TIMEOUT = Duration.ofSeconds(2);

    private static final int TARGET_WORKERS = 2;

    private static Path targetDir;
    private static ParkedThreadsTarget target;
    private static TcpServer server;
    /** Waits a minute for an incomplete message: a close from it within the read timeout is the error's. */
    private static TcpServer patientServer;
    private static TestConnection wellBehaved;
    private static int wellBehavedSeq;

    @BeforeContainer
    static void startServer() throws Exception {
        targetDir = Files.createTempDirectory("pyprobe-malformed");
        target = ParkedThreadsTarget.start(targetDir, TARGET_WORKERS);
        TestServers servers = new TestServers();
        server = TcpServer.start(servers.config(Optional.empty(), Optional.empty(), LIMITS, 64, INCOMPLETE_TIMEOUT),
                new RecordingStarter());
        patientServer = TcpServer.start(servers.config(Optional.empty(), Optional.empty(), LIMITS, 64,
                Duration.ofSeconds(60)), new RecordingStarter());
        wellBehaved = TestConnection.open(server.address());
        RealSessionOverTcpTest.initializeAndAttach(wellBehaved, target.pid);
        wellBehavedSeq = 2;
    }

    @AfterContainer
    static void stopServer() throws Exception {
        wellBehaved.close();
        server.close();
        patientServer.close();
        target.close();
        try (var files = Files.walk(targetDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<byte[]> malformed() {
        return MalformedInput.anyOf(LIMITS.maxHeaderBytes(), LIMITS.maxBodyBytes());
    }

    @Property(tries = 300)
    void everyMalformedConnectionIsAnsweredOrClosed(@ForAll("malformed") byte[] payload) throws Exception {
        try (TestConnection client = TestConnection.open(server.address())) {
            try {
                client.out.write(payload);
                client.socket.shutdownOutput();
            } catch (IOException e) {
                // The server may close before reading everything: that is one of the allowed outcomes.
            }
            assertThat(client.closedByServer()).as("closed within the read timeout").isTrue();
        }
        assertWellBehavedSessionServed();
    }

    @Provide
    Arbitrary<byte[]> fatal() {
        return MalformedInput.fatal(LIMITS.maxHeaderBytes(), LIMITS.maxBodyBytes());
    }

    /** Without the client closing its side: the server itself ends a connection that broke the protocol. */
    @Property(tries = 200)
    void theServerClosesABrokenConnectionItself(@ForAll("fatal") byte[] payload) throws Exception {
        try (TestConnection client = TestConnection.open(patientServer.address())) {
            try {
                client.out.write(payload);
            } catch (IOException e) {
                // Closed before everything was written: the outcome this property wants.
            }
            assertThat(client.closedByServer()).as("closed by the server within the read timeout").isTrue();
        }
        assertWellBehavedSessionServed();
    }

    @Property(tries = 5)
    void aStalledMessageIsClosedAfterTheTimeout(@ForAll("stalled") byte[] payload) throws Exception {
        try (TestConnection client = TestConnection.open(server.address())) {
            client.out.write(payload);
            long start = System.nanoTime();
            assertThat(client.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
        }
        assertWellBehavedSessionServed();
    }

    @Provide
    Arbitrary<byte[]> stalled() {
        return net.jqwik.api.Arbitraries.oneOf(MalformedInput.truncatedBody(),
                net.jqwik.api.Arbitraries.of("Content-Length: 5\r\n", "Content-Le", "C")
                        .map(s -> s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Example
    void aFloodWithoutHeaderEndIsCutOffNotBuffered() throws Exception {
        byte[] chunk = "a".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long flood = 256L << 20;
        long sent = 0;
        try (TestConnection client = TestConnection.open(server.address())) {
            try {
                while (sent < flood) {
                    client.out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException e) {
                // Expected: the server closed the connection after the header limit.
            }
            assertThat(sent).as("bytes the server let in before closing").isLessThan(flood);
        }
        assertWellBehavedSessionServed();
    }

    private static void assertWellBehavedSessionServed() throws IOException {
        int seq = ++wellBehavedSeq;
        JsonObject response = wellBehaved.request(DapWire.request(seq, "threads", null));
        assertThat(response).as("response to threads").isNotNull();
        assertThat(response.get("success").getAsBoolean()).as(response.toString()).isTrue();
        assertThat(response.getAsJsonObject("body").getAsJsonArray("threads")).hasSize(TARGET_WORKERS + 1);
        wellBehaved.events.clear();
    }
}
