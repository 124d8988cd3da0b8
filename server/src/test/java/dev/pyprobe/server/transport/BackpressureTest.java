package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import dev.pyprobe.server.dap.AttachGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Neither a client that floods nor one that stops reading can make the server buffer without bound. */
class BackpressureTest {
    private final TestServers servers = new TestServers();
    private final ScriptedSessionStarter starter = new ScriptedSessionStarter();

    @Test
    void theQueuePausesAboveItsBoundAndResumesOnceDrained() throws Exception {
        List<String> calls = new ArrayList<>();
        InboundMessageQueue queue = new InboundMessageQueue(100, 40, () -> calls.add("pause"), () -> calls.add("resume"));
        queue.offer(new byte[60]);
        assertThat(calls).isEmpty();
        queue.offer(new byte[60]);
        assertThat(calls).containsExactly("pause");
        queue.offer(new byte[60]);
        assertThat(calls).containsExactly("pause");
        byte[] sink = new byte[50];
        assertThat(queue.read(sink, 0, 50)).isEqualTo(50);
        assertThat(queue.queuedBytes()).isEqualTo(130);
        assertThat(calls).containsExactly("pause");
        while (queue.queuedBytes() > 40) {
            queue.read(sink, 0, 50);
        }
        assertThat(calls).containsExactly("pause", "resume");
        queue.close();
        assertThat(queue.read(sink, 0, 1)).isEqualTo(-1);
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void aSessionThatStopsReadingStopsTheServerReadingTheSocket() throws Exception {
        byte[] frame = DapWire.frame(DapWire.request(2, "echo", filler(64 * 1024)).toString());
        long total = 256L << 20;
        long bound = 64L << 20; // kernel buffers (tcp_rmem max 32 MiB here, wmem 4 MiB) + the 1 MiB queue
        AtomicLong sent = new AtomicLong();
        try (TcpServer server = TcpServer.start(servers.plain(), starter);
             TestConnection client = TestConnection.open(server.address())) {
            DapWire.write(client.out, DapWire.request(1, "hang", null));
            Thread writer = new Thread(() -> {
                try {
                    while (sent.get() < total) {
                        client.out.write(frame);
                        sent.addAndGet(frame.length);
                    }
                } catch (java.io.IOException e) {
                    // The socket closes at the end of the test.
                }
            });
            writer.setDaemon(true);
            writer.start();
            awaitStable(sent::get);
            assertThat(sent.get()).as("bytes the client could push into a session that reads nothing")
                    .isLessThan(bound);
            assertThat(writer.isAlive()).as("the client's writes are blocked").isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingBlocksTheSessionsWritesUntilItReadsAgain() throws Exception {
        int count = 400;
        int size = 64 * 1024; // 25 MiB in all, far above the connection's write buffer
        try (TcpServer server = TcpServer.start(servers.plain(), starter);
             TestConnection client = TestConnection.open(server.address())) {
            JsonObject args = new JsonObject();
            args.addProperty("count", count);
            args.addProperty("size", size);
            DapWire.write(client.out, DapWire.request(1, "flood", args));
            ScriptedSessionStarter.Session session = awaitSession();
            awaitStable(session.flooded::get);
            assertThat(session.flooded.get()).as("responses written while the client read nothing").isLessThan(count);
            for (int i = 0; i < count; i++) {
                JsonObject response = client.read();
                assertThat(response.getAsJsonObject("body").get("filler").getAsString()).hasSize(size);
            }
            assertThat(session.flooded.get()).isEqualTo(count);
        }
    }

    @Test
    void theBridgeStopsReadingWhenItsSessionFallsBehind() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new SessionBridge(starter, AttachGuard.ALLOW_ALL,
                Thread::new, new PrintWriter(Writer.nullWriter()), false));
        ch.writeInbound(body(DapWire.request(1, "hang", null)));
        awaitSession().hanging.await(10, TimeUnit.SECONDS);
        int frames = 0;
        while (ch.config().isAutoRead() && frames < 1000) {
            ch.writeInbound(body(DapWire.request(2 + frames, "echo", filler(16 * 1024))));
            frames++;
        }
        assertThat(ch.config().isAutoRead()).as("reading paused").isFalse();
        assertThat(frames * 16L * 1024).isBetween(SessionBridge.PAUSE_ABOVE_BYTES, SessionBridge.PAUSE_ABOVE_BYTES + (32 << 10));
        ch.close();
        assertThat(starter.sessions.get(0).awaitClosed(10)).isTrue();
    }

    private static ByteBuf body(JsonObject message) {
        return Unpooled.copiedBuffer(message.toString(), StandardCharsets.UTF_8);
    }

    /** Waits until the counter has not moved for a second (or 30 s have passed). */
    private static void awaitStable(LongSupplier counter) throws InterruptedException {
        long previous = -1;
        int still = 0;
        for (int i = 0; i < 150 && still < 5; i++) {
            long now = counter.getAsLong();
            still = now == previous ? still + 1 : 0;
            previous = now;
            Thread.sleep(200);
        }
    }

    private ScriptedSessionStarter.Session awaitSession() throws InterruptedException {
        for (int i = 0; i < 1000 && starter.sessions.isEmpty(); i++) {
            Thread.sleep(10);
        }
        return starter.sessions.get(0);
    }

    private static JsonObject filler(int size) {
        JsonObject args = new JsonObject();
        args.addProperty("filler", "x".repeat(size));
        return args;
    }
}
