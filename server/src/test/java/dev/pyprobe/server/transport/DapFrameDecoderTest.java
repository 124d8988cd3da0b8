package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DapFrameDecoderTest {
    private static final FrameLimits SMALL = new FrameLimits(64, 100);

    private static EmbeddedChannel channel(FrameLimits limits) {
        return new EmbeddedChannel(new DapFrameDecoder(limits, Duration.ofSeconds(30)));
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static List<String> bodies(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out;
    }

    @Test
    void cutsMessagesFedOneByteAtATime() {
        EmbeddedChannel ch = channel(FrameLimits.defaults());
        byte[] wire = ("Content-Length: 2\r\n\r\n{}Content-Type: application/json\r\ncontent-length:7\r\n\r\n{\"a\":1}")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : wire) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(bodies(ch)).containsExactly("{}", "{\"a\":1}");
    }

    @Test
    void cutsSeveralMessagesArrivingTogether() {
        EmbeddedChannel ch = channel(FrameLimits.defaults());
        ch.writeInbound(bytes("Content-Length: 1\r\n\r\nAContent-Length: 0\r\n\r\nContent-Length: 2\r\n\r\nBC"));
        assertThat(bodies(ch)).containsExactly("A", "", "BC");
    }

    @Test
    void rejectsAHeaderWithoutContentLength() {
        assertRejected("Content-Type: x\r\n\r\n{}", "missing Content-Length");
    }

    @Test
    void rejectsNegativeAndNonNumericLengths() {
        assertRejected("Content-Length: -5\r\n\r\n", "invalid Content-Length");
        assertRejected("Content-Length: 12abc\r\n\r\n", "invalid Content-Length");
        assertRejected("Content-Length: \r\n\r\n", "invalid Content-Length");
        assertRejected("Content-Length: 99999999999999999999\r\n\r\n", "invalid Content-Length");
    }

    @Test
    void rejectsBinaryInAHeaderAtOnce() {
        EmbeddedChannel ch = channel(FrameLimits.defaults());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00})))
                .hasRootCauseMessage("byte 0x16 in a header");
        assertRejected("Content-Length: 2\r\nX: \u00e9\r\n\r\n{}", "byte 0xe9 in a header");
    }

    @Test
    void rejectsABodyOverTheLimitBeforeReadingIt() {
        assertRejected("Content-Length: 101\r\n\r\n", "exceeds the limit of 100");
    }

    @Test
    void rejectsDuplicateLengthsAndHeaderLinesWithoutColon() {
        assertRejected("Content-Length: 1\r\nContent-Length: 1\r\n\r\nA", "more than one Content-Length");
        assertRejected("garbage\r\n\r\n", "malformed header line");
    }

    @Test
    void rejectsAHeaderLongerThanTheLimitWithoutWaitingForItsEnd() {
        EmbeddedChannel ch = channel(SMALL);
        ch.writeInbound(bytes("X-Padding: " + "a".repeat(40)));
        assertThatThrownBy(() -> ch.writeInbound(bytes("b".repeat(40))))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(DapProtocolException.class)
                .hasMessageContaining("header longer than 64 bytes");
    }

    @Test
    void dropsEverythingAfterAFramingError() {
        EmbeddedChannel ch = channel(SMALL);
        assertThatThrownBy(() -> ch.writeInbound(bytes("nonsense\r\n\r\n"))).isInstanceOf(DecoderException.class);
        ch.writeInbound(bytes("Content-Length: 2\r\n\r\n{}"));
        assertThat(bodies(ch)).isEmpty();
    }

    @Test
    void closesAConnectionWhoseMessageStaysIncomplete() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new DapFrameDecoder(SMALL, Duration.ofMillis(50)),
                new ConnectionErrorHandler(new java.io.PrintWriter(java.io.Writer.nullWriter())));
        ch.writeInbound(bytes("Content-Length: 10\r\n\r\n{\"a\""));
        assertThat(ch.isOpen()).isTrue();
        Thread.sleep(120);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void leavesAnIdleConnectionBetweenMessagesOpen() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new DapFrameDecoder(SMALL, Duration.ofMillis(50)),
                new ConnectionErrorHandler(new java.io.PrintWriter(java.io.Writer.nullWriter())));
        ch.writeInbound(bytes("Content-Length: 2\r\n\r\n{}"));
        Thread.sleep(120);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat(bodies(ch)).containsExactly("{}");
    }

    private static void assertRejected(String wire, String message) {
        EmbeddedChannel ch = channel(SMALL);
        assertThatThrownBy(() -> ch.writeInbound(bytes(wire)))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(DapProtocolException.class)
                .hasMessageContaining(message);
    }
}
