package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DebugSession;
import org.eclipse.lsp4j.debug.DisconnectArguments;

/**
 * {@code disconnect}: detaches and ends the session. The target is never killed, even when the
 * client asks for it (VS Code's "stop" sends terminateDebuggee): pyprobe only observes.
 */
public final class DisconnectHandler {
    private final DebugSession session;

    public DisconnectHandler(DebugSession session) {
        this.session = session;
    }

    public Void disconnect(DisconnectArguments args) {
        session.livePid().ifPresent(pid -> {
            if (args != null && Boolean.TRUE.equals(args.getTerminateDebuggee())) {
                session.console("pyprobe never terminates the process it inspects: process " + pid
                        + " keeps running. Stop it yourself if you mean to (kill " + pid + ").");
            }
            session.console("Detached from process " + pid + "; it keeps running.");
        });
        session.afterResponse("disconnect", session::end);
        return null;
    }
}
