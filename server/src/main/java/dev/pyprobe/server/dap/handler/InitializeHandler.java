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

    /**
     * Only what is implemented: a client must never offer a feature that then fails. Nothing about
     * stepping (step back, granularity, goto or step-in targets, restart frame) is claimed: pyprobe
     * never stops a thread, so it cannot step one.
     */
    static Capabilities capabilities() {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsEvaluateForHovers(true);
        // Copy Value asks for the whole value, not the text cut for display.
        c.setSupportsClipboardContext(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsDelayedStackTraceLoading(true);
        // Breakpoints are tracepoints: conditions and log messages read values from memory.
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        return c;
    }

    /** Nothing to start: the target has been running all along, and breakpoints are set as they come. */
    public Void configurationDone() {
        return null;
    }
}
