package dev.pyprobe.server.transport;

import dev.pyprobe.server.transport.security.AccessPolicy;
import dev.pyprobe.server.transport.security.Token;
import io.netty.handler.ssl.SslContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Real servers on 127.0.0.1 with an ephemeral port, for tests. */
final class TestServers {
    final StringWriter logText = new StringWriter();
    final PrintWriter log = new PrintWriter(logText, true);

    TcpServerConfig config(Optional<Token> token, Optional<SslContext> tls, FrameLimits limits, int maxSessions,
                           Duration incompleteTimeout) {
        return config(token, tls, limits, maxSessions, incompleteTimeout, Duration.ofSeconds(30));
    }

    TcpServerConfig config(Optional<Token> token, Optional<SslContext> tls, FrameLimits limits, int maxSessions,
                           Duration incompleteTimeout, Duration attachDeadline) {
        return new TcpServerConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, tls,
                new AccessPolicy(token, Set.of(), Set.of(), log), maxSessions, incompleteTimeout, attachDeadline, log);
    }

    TcpServerConfig plain() {
        return config(Optional.empty(), Optional.empty(), FrameLimits.defaults(), 16, Duration.ofSeconds(5));
    }

    String log() {
        synchronized (logText) {
            return logText.toString();
        }
    }
}
