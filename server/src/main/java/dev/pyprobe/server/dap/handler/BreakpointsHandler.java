package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.breakpoints.Breakpoints;
import dev.pyprobe.server.dap.breakpoints.Requested;
import dev.pyprobe.server.dap.protocol.LoggedFunctionBreakpoint;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

/**
 * {@code setBreakpoints} and {@code setFunctionBreakpoints}: each breakpoint becomes a tracepoint
 * of the running process. One that cannot be set is answered unverified, with the reason.
 */
public final class BreakpointsHandler {
    /** More breakpoints than this in one request is not a person setting breakpoints. */
    static final int MAX_PER_REQUEST = 256;

    private final DebugSession session;

    public BreakpointsHandler(DebugSession session) {
        this.session = session;
    }

    public SetFunctionBreakpointsResponse setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        Breakpoints breakpoints = session.attachment().breakpoints();
        FunctionBreakpoint[] asked = args.getBreakpoints() == null ? new FunctionBreakpoint[0] : args.getBreakpoints();
        checkCount(asked.length);
        List<String> names = new ArrayList<>();
        List<Requested> requested = new ArrayList<>();
        for (FunctionBreakpoint b : asked) {
            names.add(b.getName() == null ? "" : b.getName().trim());
            requested.add(new Requested(b.getCondition(), b.getHitCondition(), LoggedFunctionBreakpoint.logMessageOf(b)));
        }
        SetFunctionBreakpointsResponse response = new SetFunctionBreakpointsResponse();
        response.setBreakpoints(breakpoints.setFunctions(names, requested).toArray(Breakpoint[]::new));
        return response;
    }

    public SetBreakpointsResponse setBreakpoints(SetBreakpointsArguments args) {
        Breakpoints breakpoints = session.attachment().breakpoints();
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
        SetBreakpointsResponse response = new SetBreakpointsResponse();
        response.setBreakpoints(breakpoints.setLines(source.getPath(), source, lines, requested)
                .toArray(Breakpoint[]::new));
        return response;
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
