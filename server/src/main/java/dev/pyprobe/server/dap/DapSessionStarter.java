package dev.pyprobe.server.dap;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Starts one DAP session over a pair of streams: stdio for an editor that launched pyprobe, or a
 * TCP connection bridged by the transport. This is the seam between transports and the protocol.
 */
@FunctionalInterface
public interface DapSessionStarter {

    /** Starts serving; the returned session ends when the streams close or it is closed. */
    RunningSession start(InputStream in, OutputStream out, AttachGuard guard);

    /** A session being served. Closing it detaches from the target, which keeps running. */
    interface RunningSession extends AutoCloseable {
        /** Blocks until the session has ended. */
        void awaitEnd() throws InterruptedException;

        @Override
        void close();
    }
}
