package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives, and however it is split, the decoder's buffer stays within the limits. */
class DecoderMemoryBoundTest {
    private static final FrameLimits LIMITS = new FrameLimits(256, 4096);
    private static final int MAX_CHUNK = 512;

    @Provide
    Arbitrary<List<byte[]>> streams() {
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                MalformedInput.anyOf(LIMITS.maxHeaderBytes(), LIMITS.maxBodyBytes()),
                Arbitraries.strings().ofMaxLength(LIMITS.maxBodyBytes()).map(DapWire::frame));
        return piece.list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 500)
    void bufferNeverExceedsTheLimits(@ForAll("streams") List<byte[]> pieces,
                                     @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = MAX_CHUNK) int chunk) {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new DapFrameDecoder(LIMITS, Duration.ofSeconds(30)),
                new ConnectionErrorHandler(new PrintWriter(Writer.nullWriter())));
        long bound = LIMITS.maxHeaderBytes() + LIMITS.maxBodyBytes() + 2L * MAX_CHUNK;
        for (byte[] piece : pieces) {
            for (int off = 0; off < piece.length && ch.isOpen(); off += chunk) {
                int n = Math.min(chunk, piece.length - off);
                ch.writeInbound(Unpooled.wrappedBuffer(piece, off, n));
                releaseDecoded(ch);
                assertThat(alloc.metric().usedHeapMemory()).isLessThanOrEqualTo(bound);
            }
        }
        ch.finishAndReleaseAll();
    }

    /**
     * The case jqwik once found: a valid message just under the body limit, read 13 bytes at a time.
     * Netty's own cumulator rounds its buffer up to a power of two (8192 bytes here, over the
     * 5376 the limits allow).
     */
    @Example
    void aMessageJustUnderTheLimitStaysWithinTheBound() {
        byte[] frame = DapWire.frame("x".repeat(LIMITS.maxBodyBytes() - 11));
        bufferNeverExceedsTheLimits(List.of(frame), 13);
    }

    private static void releaseDecoded(EmbeddedChannel ch) {
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            b.release();
        }
    }
}
