package dev.pyprobe.server.transport;

/**
 * The peer broke DAP's base protocol (framing, JSON) in a way that leaves no message to answer;
 * the connection is closed.
 */
public class DapProtocolException extends RuntimeException {
    public DapProtocolException(String message) {
        super(message);
    }
}
