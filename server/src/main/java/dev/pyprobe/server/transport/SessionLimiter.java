package dev.pyprobe.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses connections beyond a fixed number of concurrent sessions: each session costs threads and
 * buffers, so their number must be bounded like everything else a client can cause.
 */
final class SessionLimiter extends ChannelInboundHandlerAdapter {
    private final AtomicInteger open;
    private final int max;
    private final PrintWriter log;
    private boolean counted;

    /** One per connection, all sharing {@code open}. */
    SessionLimiter(AtomicInteger open, int max, PrintWriter log) {
        this.open = open;
        this.max = max;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            log.println("pyprobe: " + ctx.channel().remoteAddress() + ": refused, " + max + " sessions already open");
            ctx.close();
            return;
        }
        counted = true;
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted) {
            counted = false;
            open.decrementAndGet();
            super.channelInactive(ctx);
        }
    }
}
