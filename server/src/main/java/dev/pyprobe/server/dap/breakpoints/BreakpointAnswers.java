package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.dap.DebugSession;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointNotVerifiedReason;

/** The DAP {@code Breakpoint} answers: verified with the breakpoint's message, or unverified with why. */
final class BreakpointAnswers {
    private BreakpointAnswers() {
    }

    static Breakpoint verified(ActiveBreakpoint bp) {
        Breakpoint b = new Breakpoint();
        b.setId(bp.id());
        b.setVerified(true);
        b.setMessage(bp.message());
        return b;
    }

    /**
     * Also said on the console: VS Code shows an unverified breakpoint's message only on hover in
     * the Breakpoints view, where a user who set it from the gutter may never look.
     *
     * @param id    the id the client knows, or null for a new one
     * @param label how the breakpoint is named (a function, FILE:LINE)
     */
    static Breakpoint unverified(Integer id, String label, String message, DebugSession session) {
        session.console("[pyprobe] breakpoint " + label + " not set: " + message);
        Breakpoint b = new Breakpoint();
        b.setId(id != null ? id : session.nextBreakpointId());
        b.setVerified(false);
        b.setMessage(message);
        b.setReason(BreakpointNotVerifiedReason.FAILED);
        return b;
    }

    /** A reader message as a sentence for the Breakpoints view: capital first letter, one full stop. */
    static String sentence(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return (t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1)) + ".";
    }
}
