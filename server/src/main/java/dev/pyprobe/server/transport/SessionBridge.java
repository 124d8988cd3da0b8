package dev.pyprobe.server.transport;

import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.DapSessionStarter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;

/**
 * Joins one connection to one DAP session: validated messages go into the session's input stream,
 * whatever the session writes goes back to the client. A supervisor thread owns the session: it
 * starts it, waits for it to end or for the connection to close, then closes both, so a client
 * that vanishes mid-request leaves nothing behind.
 */
final class SessionBridge extends ChannelInboundHandlerAdapter {
    /** Inbound bytes queued for the session before the connection stops reading. */
    static final long PAUSE_ABOVE_BYTES = 1 << 20;
    static final long RESUME_BELOW_BYTES = 256 << 10;

    private final DapSessionStarter starter;
    private final AttachGuard guard;
    private final ThreadFactory threads;
    private final PrintWriter log;
    private final boolean afterTlsHandshake;
    private InboundMessageQueue input;
    private SessionOutput output;
    private Thread supervisor;

    /**
     * @param afterTlsHandshake start the session only once TLS is established, so a peer that
     *                          fails the handshake never costs a session
     */
    SessionBridge(DapSessionStarter starter, AttachGuard guard, ThreadFactory threads, PrintWriter log,
                  boolean afterTlsHandshake) {
        this.starter = starter;
        this.guard = guard;
        this.threads = threads;
        this.log = log;
        this.afterTlsHandshake = afterTlsHandshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!afterTlsHandshake) {
            startSession(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (afterTlsHandshake && event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            startSession(ctx);
        }
        super.userEventTriggered(ctx, event);
    }

    private void startSession(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        input = new InboundMessageQueue(PAUSE_ABOVE_BYTES, RESUME_BELOW_BYTES,
                () -> channel.config().setAutoRead(false),
                () -> channel.config().setAutoRead(true));
        output = new SessionOutput(channel);
        supervisor = threads.newThread(() -> superviseSession(channel));
        supervisor.start();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf body = (ByteBuf) msg;
        try {
            byte[] header = ("Content-Length: " + body.readableBytes() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[header.length + body.readableBytes()];
            System.arraycopy(header, 0, frame, 0, header.length);
            body.getBytes(body.readerIndex(), frame, header.length, body.readableBytes());
            input.offer(frame);
        } finally {
            body.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (output != null) {
            output.wakeUp();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (supervisor != null) {
            input.close();
            output.close();
            supervisor.interrupt();
        }
        super.channelInactive(ctx);
    }

    private void superviseSession(Channel channel) {
        DapSessionStarter.RunningSession session = null;
        try {
            session = starter.start(input, output, guard);
            session.awaitEnd();
        } catch (InterruptedException e) {
            // The connection closed: fall through and close the session.
        } catch (RuntimeException e) {
            log.println("pyprobe: " + channel.remoteAddress() + ": session failed: " + e);
        } finally {
            if (session != null) {
                session.close();
            }
            channel.close();
        }
    }
}
