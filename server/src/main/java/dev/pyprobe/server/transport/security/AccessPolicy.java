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

/**
 * Who may attach to what over the network: an optional token, and optional allow-lists of PIDs and
 * of the users owning the target. Each connection gets a guard that knows its peer's address, so
 * every refusal is logged with it.
 */
public final class AccessPolicy {
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
        return guardFor(peer, () -> { });
    }

    /** @param onPassed told each time an attach passes every check */
    public AttachGuard guardFor(SocketAddress peer, Runnable onPassed) {
        return (pid, arguments) -> {
            check(peer, pid, arguments);
            onPassed.run();
        };
    }

    // The token comes first: a client that has not proved itself learns nothing about processes.
    private void check(SocketAddress peer, int pid, Map<String, Object> arguments) throws AttachRefusedException {
        if (token.isPresent() && !token.get().matches(stringArgument(arguments.get("token")))) {
            String why = arguments.get("token") == null ? "no token" : "wrong token";
            throw refuse(peer, "authentication failed (" + why + ") for attach to process " + pid,
                    "authentication failed: the attach arguments need the server's \"token\"");
        }
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
