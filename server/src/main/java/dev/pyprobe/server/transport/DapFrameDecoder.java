package dev.pyprobe.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the inbound byte stream into DAP message bodies (one {@link ByteBuf} each). A framing error
 * ends the connection: after it the stream has no known message boundary. A message that stays
 * incomplete for longer than {@code incompleteTimeout} also ends it, so a peer that stalls half-way
 * cannot hold its buffer forever; an idle connection between messages is left alone.
 */
public final class DapFrameDecoder extends ByteToMessageDecoder {
    private final DapFrameParser parser;
    private final Duration incompleteTimeout;
    private ScheduledFuture<?> incompleteTimer;
    private boolean failed;

    public DapFrameDecoder(FrameLimits limits, Duration incompleteTimeout) {
        this.parser = new DapFrameParser(limits);
        this.incompleteTimeout = incompleteTimeout;
        setCumulator(new BoundedCumulator((int) Math.min(Integer.MAX_VALUE, (long) limits.maxHeaderBytes() + limits.maxBodyBytes())));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            ByteBuf body;
            while ((body = parser.next(in)) != null) {
                out.add(body);
                cancelTimer(); // the clock is per message: a busy peer is not a stalled one
            }
        } catch (DapProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        boolean incomplete = !failed && parser.inMessage(internalBuffer());
        if (incomplete && incompleteTimer == null) {
            incompleteTimer = ctx.executor().schedule(() -> ctx.fireExceptionCaught(new DapProtocolException(
                    "message incomplete for " + incompleteTimeout.toSeconds() + " s")),
                    incompleteTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } else if (!incomplete) {
            cancelTimer();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.channelInactive(ctx);
    }

    private void cancelTimer() {
        if (incompleteTimer != null) {
            incompleteTimer.cancel(false);
            incompleteTimer = null;
        }
    }
}
