package dev.pyprobe.server.transport.security;

import com.google.gson.JsonPrimitive;
import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.AttachRefusedException;
import java.io.PrintWriter;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may attach to what over the network: an optional token, and optional allow-lists of PIDs and
 * of the users owning the target. Each connection gets a guard that knows its peer's address, so
 * every refusal is logged with it.
 */
public final class AccessPolicy {
    /** Failed authentications one connection may make before it is closed. */
    public static final int MAX_FAILED_AUTHENTICATIONS = 3;

    private final Optional<Token> token;
    private final Set<Integer> allowedPids;
    private final Set<Integer> allowedUids;
    private final ProcessOwner owners;
    private final PrintWriter log;

    /**
     * @param allowedPids empty: any PID
     * @param allowedUids empty: any owner
     */
    public AccessPolicy(Optional<Token> token, Set<Integer> allowedPids, Set<Integer> allowedUids, PrintWriter log) {
        this(token, allowedPids, allowedUids, ProcessOwner.system(), log);
    }

    AccessPolicy(Optional<Token> token, Set<Integer> allowedPids, Set<Integer> allowedUids,
                 ProcessOwner owners, PrintWriter log) {
        this.token = token;
        this.allowedPids = Set.copyOf(allowedPids);
        this.allowedUids = Set.copyOf(allowedUids);
        this.owners = owners;
        this.log = log;
    }

    public boolean requiresToken() {
        return token.isPresent();
    }

    public AttachGuard guardFor(SocketAddress peer) {
        return guardFor(peer, () -> { }, () -> { });
    }

    /**
     * @param onPassed        told each time an attach passes every check
     * @param onGuessingToken told when a connection has failed authentication
     *                        {@value #MAX_FAILED_AUTHENTICATIONS} times: it is guessing, close it
     */
    public AttachGuard guardFor(SocketAddress peer, Runnable onPassed, Runnable onGuessingToken) {
        AtomicInteger failures = new AtomicInteger();
        return (pid, arguments) -> {
            try {
                checkToken(peer, pid, arguments);
            } catch (AttachRefusedException e) {
                if (failures.incrementAndGet() >= MAX_FAILED_AUTHENTICATIONS) {
                    log.println("pyprobe: " + peer + ": " + MAX_FAILED_AUTHENTICATIONS
                            + " failed authentications, closing the connection");
                    onGuessingToken.run();
                }
                throw e;
            }
            checkProcess(peer, pid);
            onPassed.run();
        };
    }

    // The token comes first: a client that has not proved itself learns nothing about processes.
    private void checkToken(SocketAddress peer, int pid, Map<String, Object> arguments) throws AttachRefusedException {
        if (token.isPresent() && !token.get().matches(stringArgument(arguments.get("token")))) {
            String why = arguments.get("token") == null ? "no token" : "wrong token";
            throw refuse(peer, "authentication failed (" + why + ") for attach to process " + pid,
                    "authentication failed: the attach arguments need the server's \"token\"");
        }
    }

    private void checkProcess(SocketAddress peer, int pid) throws AttachRefusedException {
        if (!allowedPids.isEmpty() && !allowedPids.contains(pid)) {
            throw refuse(peer, "process " + pid + " is not in --allow-pid",
                    "this server does not allow attaching to process " + pid);
        }
        if (!allowedUids.isEmpty()) {
            OptionalInt uid = owners.uidOf(pid);
            if (uid.isEmpty()) {
                throw refuse(peer, "owner of process " + pid + " unknown", "no such process: " + pid);
            }
            if (!allowedUids.contains(uid.getAsInt())) {
                throw refuse(peer, "process " + pid + " belongs to uid " + uid.getAsInt() + ", not in --allow-user",
                        "this server does not allow attaching to processes of uid " + uid.getAsInt());
            }
        }
    }

    private AttachRefusedException refuse(SocketAddress peer, String logLine, String clientMessage) {
        log.println("pyprobe: " + peer + ": attach refused: " + logLine);
        return new AttachRefusedException(clientMessage);
    }

    /** The session hands over the JSON arguments either as Java strings or as Gson primitives. */
    private static String stringArgument(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        return null;
    }
}
