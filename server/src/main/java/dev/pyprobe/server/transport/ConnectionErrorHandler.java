package dev.pyprobe.server.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.io.PrintWriter;
import javax.net.ssl.SSLException;

/** Last in the pipeline: any error on a connection is logged with the peer's address and ends it. */
@ChannelHandler.Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
    private final PrintWriter log;

    ConnectionErrorHandler(PrintWriter log) {
        this.log = log;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reason instanceof DapProtocolException) {
            log.println("pyprobe: " + ctx.channel().remoteAddress() + ": closing connection: " + reason.getMessage());
        } else if (reason instanceof SSLException) {
            log.println("pyprobe: " + ctx.channel().remoteAddress() + ": TLS failure: " + reason.getMessage());
        } else if (!(reason instanceof IOException)) {
            // A reset or broken pipe is the peer leaving; anything else is worth a line.
            log.println("pyprobe: " + ctx.channel().remoteAddress() + ": closing connection: " + reason);
        }
        ctx.close();
    }
}
