package dev.pyprobe.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * The session's output: it cuts what the session writes into whole DAP messages and writes each
 * to the connection as one unit, so that the transport's own error responses never land inside
 * one. A writer blocks while the connection is not writable (the client reads slowly) and fails
 * once the connection is gone.
 */
final class SessionOutput extends OutputStream {
    /** Our own session's messages: trusted, but still cut by the same parser, so generously sized. */
    private static final FrameLimits OUTBOUND = new FrameLimits(FrameLimits.DEFAULT_MAX_HEADER_BYTES, Integer.MAX_VALUE - 64);
    private static final long WRITABILITY_POLL_MILLIS = 200;

    private final Channel channel;
    private final DapFrameParser parser = new DapFrameParser(OUTBOUND);
    private final ByteBuf pending = Unpooled.buffer();
    private boolean closed;

    SessionOutput(Channel channel) {
        this.channel = channel;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        pending.writeBytes(b, off, len);
        try {
            ByteBuf body;
            while ((body = parser.next(pending)) != null) {
                ByteBuf message = channel.alloc().buffer(body.readableBytes()).writeBytes(body);
                body.release();
                awaitWritable(message);
                channel.writeAndFlush(message);
            }
        } catch (DapProtocolException e) {
            throw new IOException("the session wrote a malformed DAP message: " + e.getMessage(), e);
        }
        pending.discardReadBytes();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Called by the event loop when the connection's writability changes or it closes. */
    synchronized void wakeUp() {
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending.release(pending.refCnt());
        notifyAll();
    }

    private void awaitWritable(ByteBuf message) throws IOException {
        while (!channel.isWritable()) {
            if (closed || !channel.isActive()) {
                message.release();
                throw new IOException("connection closed");
            }
            try {
                wait(WRITABILITY_POLL_MILLIS); // bounded: a missed wake-up costs at most one poll
            } catch (InterruptedException e) {
                message.release();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the client was not reading");
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed || !channel.isActive()) {
            throw new IOException("connection closed");
        }
    }
}
