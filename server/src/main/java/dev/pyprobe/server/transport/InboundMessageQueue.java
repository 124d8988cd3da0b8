package dev.pyprobe.server.transport;

import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * The session's input: messages handed over by the event loop, read by the session's thread. It
 * holds a bounded number of bytes; above {@code pauseAbove} it asks the connection to stop reading
 * (the peer's TCP window then fills), and once drained to {@code resumeBelow} it asks it to read
 * again. Closing it ends the stream at once and drops what is queued.
 */
final class InboundMessageQueue extends InputStream {
    private final long pauseAbove;
    private final long resumeBelow;
    private final Runnable pause;
    private final Runnable resume;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long queuedBytes;
    private boolean paused;
    private boolean closed;

    InboundMessageQueue(long pauseAbove, long resumeBelow, Runnable pause, Runnable resume) {
        this.pauseAbove = pauseAbove;
        this.resumeBelow = resumeBelow;
        this.pause = pause;
        this.resume = resume;
    }

    synchronized void offer(byte[] chunk) {
        if (closed) {
            return;
        }
        chunks.add(chunk);
        queuedBytes += chunk.length;
        if (!paused && queuedBytes > pauseAbove) {
            paused = true;
            pause.run();
        }
        notifyAll();
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws java.io.InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        while (chunks.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the client");
            }
        }
        if (closed) {
            return -1;
        }
        byte[] head = chunks.peek();
        int n = Math.min(len, head.length - headOffset);
        System.arraycopy(head, headOffset, b, off, n);
        headOffset += n;
        if (headOffset == head.length) {
            chunks.poll();
            headOffset = 0;
        }
        queuedBytes -= n;
        if (paused && queuedBytes <= resumeBelow) {
            paused = false;
            resume.run();
        }
        return n;
    }

    @Override
    public int read() throws java.io.InterruptedIOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int available() {
        return closed || chunks.isEmpty() ? 0 : chunks.peek().length - headOffset;
    }

    @Override
    public synchronized void close() {
        closed = true;
        chunks.clear();
        queuedBytes = 0;
        notifyAll();
    }
}
