package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.state.ClientOptions;
import dev.pyprobe.server.dap.state.FrameRef;
import dev.pyprobe.server.dap.state.Page;
import dev.pyprobe.server.dap.state.SourceRegistry;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;

/** {@code stackTrace}: a thread's frames from the snapshot, innermost first, paged. */
public final class StackTraceHandler {
    /** The most frames one response carries; clients page for more. */
    static final int MAX_LEVELS = 1000;

    private final DebugSession session;

    public StackTraceHandler(DebugSession session) {
        this.session = session;
    }

    public StackTraceResponse stackTrace(StackTraceArguments args) {
        int threadId = args.getThreadId();
        ThreadStack stack = session.paused().stack(threadId).orElseThrow(() -> new DapException(
                ErrorCode.STALE_REFERENCE, "Thread " + threadId + " is not in the current snapshot (it started "
                + "after it was taken or has exited); pause again for a new snapshot."));
        SourceRegistry sources = session.attachment().sources();
        ClientOptions client = session.clientOptions();
        List<PythonFrame> all = stack.frames();
        Page page = Page.of(args.getStartFrame(), args.getLevels(), all.size(), MAX_LEVELS);
        List<StackFrame> frames = new ArrayList<>();
        for (PythonFrame f : page.of(all)) {
            StackFrame frame = new StackFrame();
            frame.setId(session.frames().register(new FrameRef(threadId, f)));
            frame.setName(f.function());
            frame.setSource(sources.describe(f.file()));
            frame.setLine(client.line(f.line()));
            frame.setColumn(client.firstColumn());
            if (!stack.consistent()) {
                // The stack kept changing under the reader: these frames may mix two moments.
                frame.setPresentationHint(StackFramePresentationHint.SUBTLE);
            }
            frames.add(frame);
        }
        StackTraceResponse response = new StackTraceResponse();
        response.setStackFrames(frames.toArray(StackFrame[]::new));
        response.setTotalFrames(all.size());
        return response;
    }
}
