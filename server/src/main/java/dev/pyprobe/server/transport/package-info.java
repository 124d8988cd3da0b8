/**
 * DAP over TCP. One connection is one session, attached to one process. Each connection's
 * pipeline, in the order bytes arrive:
 * <ol>
 *   <li>TLS (optional, {@code --tls});</li>
 *   <li>{@link dev.pyprobe.server.transport.SessionLimiter}: at most {@code --max-sessions} at once;</li>
 *   <li>{@link dev.pyprobe.server.transport.AttachDeadline} (where a token is required): a
 *       connection that passes no attach within 30 s is closed;</li>
 *   <li>{@link dev.pyprobe.server.transport.DapFrameDecoder}: {@code Content-Length} framing,
 *       with limits on the header (8 KiB) and body (16 MiB by default) and on how long a message
 *       may stay incomplete;</li>
 *   <li>{@link dev.pyprobe.server.transport.DapMessageValidator}: strict JSON, DAP-shaped;</li>
 *   <li>{@link dev.pyprobe.server.transport.SessionBridge}: bounded streams to a
 *       {@link dev.pyprobe.server.dap.DapSessionStarter} session, with backpressure both ways.</li>
 * </ol>
 * Any protocol error closes the connection and is logged with the peer's address; closing the
 * connection closes the session, which detaches from the target.
 */
package dev.pyprobe.server.transport;
