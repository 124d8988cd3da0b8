package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.protocol.BreakpointOptions;
import dev.pyprobe.server.wording.HitWords;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.BreakpointEventArgumentsReason;

/**
 * Once a second, tells the client what changed for each breakpoint: hits not shown over the rate,
 * hits whose condition could not be decided, hits the kernel lost (console lines), and the new
 * counts in the breakpoint's message (a {@code breakpoint} changed event).
 */
final class BreakpointReporter {
    private final DebugSession session;
    private final Supplier<List<ActiveBreakpoint>> active;

    BreakpointReporter(DebugSession session, Supplier<List<ActiveBreakpoint>> active) {
        this.session = session;
        this.active = active;
    }

    /** Reports what changed since the last report; runs on the breakpoints' thread. */
    void report() {
        try {
            for (ActiveBreakpoint bp : active.get()) {
                ActiveBreakpoint.Report r = bp.report();
                if (r != null) {
                    tell(bp, r);
                }
            }
        } catch (RuntimeException e) {
            // An escaping exception would cancel the schedule: log it and report again next time.
            System.err.println("pyprobe: breakpoint report failed");
            e.printStackTrace(System.err);
        }
    }

    private void tell(ActiveBreakpoint bp, ActiveBreakpoint.Report r) {
        String prefix = HitLine.PREFIX + bp.label() + ": ";
        if (r.newlyNotShown() > 0) {
            session.console(prefix + r.newlyNotShown() + " hits not shown in the last second (more than "
                    + bp.rate().perSecond() + " per second; attach argument " + BreakpointOptions.MAX_HITS_PER_SECOND
                    + " raises the limit); " + r.hits() + " hits in all");
        }
        if (r.newlyUndecided() > 0) {
            session.console(prefix + HitWords.undecided(r.newlyUndecided(), r.undecidedReason()));
        }
        if (r.newlyLost() > 0) {
            session.console(prefix + HitWords.lost(r.newlyLost(), bp.tracepoint() != null
                    && bp.tracepoint().countedInKernel()));
        }
        Breakpoint last = bp.shown();
        if (last != null && !bp.isClosed()) {
            Breakpoint changed = new Breakpoint();
            changed.setId(last.getId());
            changed.setVerified(true);
            changed.setSource(last.getSource());
            changed.setLine(last.getLine());
            changed.setMessage(bp.message());
            BreakpointEventArguments event = new BreakpointEventArguments();
            event.setReason(BreakpointEventArgumentsReason.CHANGED);
            event.setBreakpoint(changed);
            session.client().breakpoint(event);
        }
    }
}
