package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.breakpoints.Breakpoints;
import dev.pyprobe.server.dap.breakpoints.Requested;
import dev.pyprobe.server.dap.protocol.LoggedFunctionBreakpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.BreakpointEventArgumentsReason;
import org.eclipse.lsp4j.debug.BreakpointNotVerifiedReason;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

/**
 * {@code setBreakpoints} and {@code setFunctionBreakpoints}: each breakpoint becomes a tracepoint
 * of the running process. One that cannot be set is answered unverified, with the reason. VS Code
 * sends breakpoints when it sees {@code initialized}, which can be before {@code attach}: those are
 * answered pending and set right after the attach, with {@code changed} events.
 */
public final class BreakpointsHandler {
    /** More breakpoints than this in one request is not a person setting breakpoints. */
    static final int MAX_PER_REQUEST = 256;

    private final DebugSession session;
    private Pending<String> pendingFunctions;
    private final Map<String, Pending<Integer>> pendingLines = new LinkedHashMap<>();

    /** Breakpoints asked for before the attach (function names or lines), and the ids they were answered with. */
    private record Pending<K>(Source source, List<K> keys, List<Requested> requested, List<Integer> ids) {
    }

    public BreakpointsHandler(DebugSession session) {
        this.session = session;
    }

    public SetFunctionBreakpointsResponse setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        FunctionBreakpoint[] asked = args.getBreakpoints() == null ? new FunctionBreakpoint[0] : args.getBreakpoints();
        checkCount(asked.length);
        List<String> names = new ArrayList<>();
        List<Requested> requested = new ArrayList<>();
        for (FunctionBreakpoint b : asked) {
            names.add(b.getName() == null ? "" : b.getName().trim());
            requested.add(new Requested(b.getCondition(), b.getHitCondition(), LoggedFunctionBreakpoint.logMessageOf(b)));
        }
        List<Breakpoint> answers;
        if (session.isAttached()) {
            answers = session.attachment().breakpoints().setFunctions(names, requested, null);
        } else {
            pendingFunctions = pending(null, names, requested);
            answers = answerPending(pendingFunctions);
        }
        SetFunctionBreakpointsResponse response = new SetFunctionBreakpointsResponse();
        response.setBreakpoints(answers.toArray(Breakpoint[]::new));
        return response;
    }

    public SetBreakpointsResponse setBreakpoints(SetBreakpointsArguments args) {
        Source source = args.getSource();
        if (source == null || source.getPath() == null || source.getPath().isBlank()) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "setBreakpoints needs the source's path: pyprobe "
                    + "sets line breakpoints in files by the path the process loaded them from.");
        }
        SourceBreakpoint[] asked = args.getBreakpoints();
        if (asked == null) {
            asked = lines(args.getLines());
        }
        checkCount(asked.length);
        boolean fromOne = session.clientOptions().linesStartAt1();
        List<Integer> lines = new ArrayList<>();
        List<Requested> requested = new ArrayList<>();
        for (SourceBreakpoint b : asked) {
            lines.add(fromOne ? b.getLine() : b.getLine() + 1);
            requested.add(new Requested(b.getCondition(), b.getHitCondition(), b.getLogMessage()));
        }
        List<Breakpoint> answers;
        if (session.isAttached()) {
            answers = session.attachment().breakpoints().setLines(source.getPath(), source, lines, requested, null);
        } else {
            Pending<Integer> p = pending(source, lines, requested);
            pendingLines.put(source.getPath(), p);
            answers = answerPending(p);
        }
        SetBreakpointsResponse response = new SetBreakpointsResponse();
        response.setBreakpoints(answers.toArray(Breakpoint[]::new));
        return response;
    }

    private <K> Pending<K> pending(Source source, List<K> keys, List<Requested> requested) {
        List<Integer> ids = new ArrayList<>();
        keys.forEach(k -> ids.add(session.nextBreakpointId()));
        return new Pending<>(source, List.copyOf(keys), List.copyOf(requested), ids);
    }

    private static List<Breakpoint> answerPending(Pending<?> p) {
        List<Breakpoint> answers = new ArrayList<>();
        for (int id : p.ids()) {
            Breakpoint b = new Breakpoint();
            b.setId(id);
            b.setVerified(false);
            b.setReason(BreakpointNotVerifiedReason.PENDING);
            b.setMessage("Set when pyprobe attaches to the process.");
            answers.add(b);
        }
        return answers;
    }

    /** Sets the breakpoints asked for before the attach, once the attach response is out. */
    public void afterAttach() {
        if (pendingFunctions == null && pendingLines.isEmpty()) {
            return;
        }
        Pending<String> functions = pendingFunctions;
        List<Pending<Integer>> lines = new ArrayList<>(pendingLines.values());
        pendingFunctions = null;
        pendingLines.clear();
        session.afterResponse("attach", () -> {
            List<Breakpoint> changed = new ArrayList<>();
            try {
                synchronized (session) {
                    Breakpoints breakpoints = session.attachment().breakpoints();
                    if (functions != null) {
                        changed.addAll(breakpoints.setFunctions(functions.keys(), functions.requested(),
                                functions.ids()));
                    }
                    for (Pending<Integer> p : lines) {
                        changed.addAll(breakpoints.setLines(p.source().getPath(), p.source(), p.keys(),
                                p.requested(), p.ids()));
                    }
                }
            } catch (ProcessExitedException e) {
                session.targetExited();
                return;
            }
            for (Breakpoint b : changed) {
                BreakpointEventArguments event = new BreakpointEventArguments();
                event.setReason(BreakpointEventArgumentsReason.CHANGED);
                event.setBreakpoint(b);
                session.client().breakpoint(event);
            }
        });
    }

    /** The deprecated {@code lines} form: plain breakpoints at those lines. */
    private static SourceBreakpoint[] lines(int[] lines) {
        if (lines == null) {
            return new SourceBreakpoint[0];
        }
        SourceBreakpoint[] out = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = new SourceBreakpoint();
            out[i].setLine(lines[i]);
        }
        return out;
    }

    private static void checkCount(int count) {
        if (count > MAX_PER_REQUEST) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, count + " breakpoints in one request; pyprobe accepts "
                    + "at most " + MAX_PER_REQUEST + " (each is a probe in the running process).");
        }
    }
}
