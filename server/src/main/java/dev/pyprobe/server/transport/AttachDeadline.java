package dev.pyprobe.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not passed the attach guard within a deadline. Where a token is
 * required, a peer that never authenticates must not hold one of the limited session slots.
 */
final class AttachDeadline extends ChannelInboundHandlerAdapter {
    private final Duration deadline;
    private final PrintWriter log;
    private volatile ChannelHandlerContext context;
    private ScheduledFuture<?> timer;

    AttachDeadline(Duration deadline, PrintWriter log) {
        this.deadline = deadline;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        timer = ctx.executor().schedule(() -> {
            log.println("pyprobe: " + ctx.channel().remoteAddress() + ": closing connection: no accepted attach within "
                    + deadline.toSeconds() + " s");
            ctx.close();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    /** The guard let an attach through: the connection may stay. Called from the session's thread. */
    void passed() {
        ChannelHandlerContext ctx = context;
        if (ctx != null) {
            ctx.executor().execute(this::cancel);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
