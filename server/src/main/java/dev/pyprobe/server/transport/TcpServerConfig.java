package dev.pyprobe.server.transport;

import dev.pyprobe.server.transport.security.AccessPolicy;
import io.netty.handler.ssl.SslContext;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the TCP server needs to know, decided before it starts.
 *
 * @param tls                  absent: plain TCP
 * @param maxSessions          connections served at once; more are closed at once
 * @param incompleteMessageTimeout how long one message may stay half-received
 * @param attachDeadline       where a token is required, how long a connection may stay without
 *                             an attach that passed the guard
 * @param log                  where connection errors and refused attaches are reported
 */
public record TcpServerConfig(InetSocketAddress bindAddress, FrameLimits limits, Optional<SslContext> tls,
                              AccessPolicy access, int maxSessions, Duration incompleteMessageTimeout,
                              Duration attachDeadline, PrintWriter log) {
    public static final int DEFAULT_MAX_SESSIONS = 16;
    public static final Duration DEFAULT_INCOMPLETE_MESSAGE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ATTACH_DEADLINE = Duration.ofSeconds(30);

    public TcpServerConfig {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
    }
}
