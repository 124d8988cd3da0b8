package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.server.dap.DapSessionStarter;
import dev.pyprobe.server.dap.PyprobeSessionStarter;
import dev.pyprobe.server.transport.FrameLimits;
import dev.pyprobe.server.transport.TcpServer;
import dev.pyprobe.server.transport.TcpServerConfig;
import dev.pyprobe.server.transport.security.AccessPolicy;
import dev.pyprobe.server.transport.security.TlsSetup;
import dev.pyprobe.server.transport.security.Token;
import dev.pyprobe.server.transport.security.UserIds;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pyprobe serve}: the DAP server over TCP, for clients on this or (with a token) other hosts. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve DAP over TCP: one session per connection, each attached to its own process. "
                + "Prints 'pyprobe listening on HOST:PORT' on stdout once ready.",
            "Listens on 127.0.0.1 unless --host says otherwise. Any other address requires a token, "
                + "generated and printed on stderr unless given; clients pass it as \"token\" in the attach "
                + "arguments."})
public final class ServeCommand implements Callable<Integer> {
    private final DapSessionStarter starter;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4711",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one, printed on stdout).")
    private int port;

    @ArgGroup(exclusive = true)
    private TokenSource tokenSource;

    static final class TokenSource {
        @Option(names = "--token", paramLabel = "TOKEN",
                description = "Require this token on every attach, also on loopback (visible in ps: prefer --token-file).")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the required token from the first line of FILE.")
        Path tokenFile;
    }

    @Option(names = "--tls", description = "Serve over TLS; without --cert/--key a self-signed certificate is generated "
            + "and its SHA-256 fingerprint printed on stderr.")
    private boolean tls;

    @Option(names = "--cert", paramLabel = "PEM", description = "Certificate chain (PEM) for TLS; implies --tls.")
    private Path certificate;

    @Option(names = "--key", paramLabel = "PEM", description = "Private key (PEM) of --cert.")
    private Path key;

    @Option(names = "--allow-pid", paramLabel = "PID", description = "Only these processes may be attached (repeatable).")
    private List<Integer> allowedPids = new ArrayList<>();

    @Option(names = "--allow-user", paramLabel = "USER", split = ",",
            description = "Only processes owned by these users (names or uids) may be attached (repeatable).")
    private List<String> allowedUsers = new ArrayList<>();

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "" + TcpServerConfig.DEFAULT_MAX_SESSIONS,
            description = "Sessions served at once (default: ${DEFAULT-VALUE}).")
    private int maxSessions;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "" + FrameLimits.DEFAULT_MAX_BODY_BYTES,
            description = "Largest DAP message body accepted (default: ${DEFAULT-VALUE}).")
    private int maxMessageBytes;

    /** The command line's {@code serve}: pyprobe's own DAP sessions, reading live targets. */
    public ServeCommand() {
        this(new PyprobeSessionStarter(PythonTargets::attach));
    }

    public ServeCommand(DapSessionStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkRanges();
        InetAddress address = resolve(host);
        SecureRandom random = new SecureRandom();
        Optional<Token> token;
        Optional<TlsSetup> tlsSetup;
        try {
            token = token(address, random, err);
            tlsSetup = tlsSetup(random, err);
        } catch (IOException | GeneralSecurityException e) {
            err.println("pyprobe: " + e.getMessage());
            return 1;
        }
        if (!address.isLoopbackAddress() && tlsSetup.isEmpty()) {
            err.println("pyprobe: warning: without --tls the token and all target data cross the network in clear text");
        }
        AccessPolicy access = new AccessPolicy(token, Set.copyOf(allowedPids), allowedUids(), err);
        TcpServerConfig config = new TcpServerConfig(new InetSocketAddress(address, port),
                limits(), tlsSetup.map(TlsSetup::context), access, maxSessions,
                TcpServerConfig.DEFAULT_INCOMPLETE_MESSAGE_TIMEOUT, TcpServerConfig.DEFAULT_ATTACH_DEADLINE, err);
        TcpServer server;
        try {
            server = TcpServer.start(config, starter);
        } catch (Exception e) { // BindException and friends arrive undeclared from Netty
            err.println("pyprobe: cannot listen on " + format(config.bindAddress()) + ": " + e.getMessage());
            return 1;
        }
        try (server) {
            Thread closer = new Thread(server::close, "pyprobe-shutdown");
            Runtime.getRuntime().addShutdownHook(closer);
            // The asked-for address with the bound port: a dual-stack socket reports 0.0.0.0 as [::].
            out.println("pyprobe listening on " + format(new InetSocketAddress(address, server.address().getPort())));
            out.flush();
            try {
                server.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(closer);
            }
        }
        return 0;
    }

    private void checkRanges() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
        }
        if (maxSessions < 1) {
            throw new ParameterException(spec.commandLine(), "--max-sessions must be at least 1, got " + maxSessions);
        }
    }

    private InetAddress resolve(String name) {
        try {
            return InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host: unknown host " + name);
        }
    }

    private Optional<Token> token(InetAddress address, SecureRandom random, PrintWriter err) throws IOException {
        if (tokenSource != null && tokenSource.token != null) {
            if (tokenSource.token.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--token must not be empty");
            }
            return Optional.of(Token.of(tokenSource.token));
        }
        if (tokenSource != null && tokenSource.tokenFile != null) {
            return Optional.of(Token.readFile(tokenSource.tokenFile));
        }
        if (address.isLoopbackAddress()) {
            return Optional.empty();
        }
        Token generated = Token.generate(random);
        err.println("pyprobe: " + NetUtil.toAddressString(address) + " is not a loopback address, so attaching needs a token;"
                + " clients pass it as \"token\" in the attach arguments");
        err.println("pyprobe token: " + generated.value());
        return Optional.of(generated);
    }

    private Optional<TlsSetup> tlsSetup(SecureRandom random, PrintWriter err) throws GeneralSecurityException {
        if ((certificate == null) != (key == null)) {
            throw new ParameterException(spec.commandLine(), "--cert and --key go together");
        }
        if (certificate != null) {
            return Optional.of(TlsSetup.fromPem(certificate, key));
        }
        if (!tls) {
            return Optional.empty();
        }
        TlsSetup generated = TlsSetup.selfSigned(host, random);
        err.println("pyprobe TLS certificate (self-signed) SHA-256 fingerprint: " + generated.fingerprint());
        return Optional.of(generated);
    }

    private Set<Integer> allowedUids() {
        UserIds users = UserIds.system();
        try {
            return allowedUsers.stream().map(users::resolve).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--allow-user: " + e.getMessage());
        }
    }

    private FrameLimits limits() {
        try {
            return FrameLimits.withMaxBody(maxMessageBytes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-message-size: " + e.getMessage());
        }
    }

    private static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String h = NetUtil.toAddressString(ip); // RFC 5952: [::1], not [0:0:0:0:0:0:0:1]
        return (ip instanceof Inet6Address ? "[" + h + "]" : h) + ":" + address.getPort();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and running the hook itself.
        }
    }
}
