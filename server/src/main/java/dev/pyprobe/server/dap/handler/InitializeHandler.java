package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.ClientOptions;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;

/** {@code initialize} and {@code configurationDone}: the handshake. */
public final class InitializeHandler {
    private final DebugSession session;

    public InitializeHandler(DebugSession session) {
        this.session = session;
    }

    public Capabilities initialize(InitializeRequestArguments args) {
        session.clientOptions(ClientOptions.from(args));
        session.afterResponse("initialize", () -> session.client().initialized());
        return capabilities();
    }

    /** Only what is implemented: a client must never offer a feature that then fails. */
    static Capabilities capabilities() {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsDelayedStackTraceLoading(true);
        return c;
    }

    /** Nothing to configure yet (no breakpoints): the target has been running all along. */
    public Void configurationDone() {
        return null;
    }
}
