package dev.pyprobe.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Puts the {@code Content-Length} header in front of each outbound message body. */
@ChannelHandler.Sharable
public final class DapFrameEncoder extends MessageToMessageEncoder<ByteBuf> {
    public static final DapFrameEncoder INSTANCE = new DapFrameEncoder();

    private DapFrameEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        byte[] header = ("Content-Length: " + body.readableBytes() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        out.add(ctx.alloc().compositeBuffer(2)
                .addComponent(true, ctx.alloc().buffer(header.length).writeBytes(header))
                .addComponent(true, body.retain()));
    }
}
