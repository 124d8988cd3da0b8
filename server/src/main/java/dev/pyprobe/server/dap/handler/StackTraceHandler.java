package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.ClientOptions;
import dev.pyprobe.server.dap.state.FrameRef;
import dev.pyprobe.server.dap.state.Page;
import dev.pyprobe.server.dap.state.SourceRegistry;
import dev.pyprobe.server.dap.state.StackEntry;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;

/**
 * {@code stackTrace}: the stack of any thread shown (a snapshot's thread, an asyncio task, a
 * breakpoint snapshot), innermost first, paged.
 */
public final class StackTraceHandler {
    /** The most frames one response carries; clients page for more. */
    static final int MAX_LEVELS = 1000;

    private final DebugSession session;

    public StackTraceHandler(DebugSession session) {
        this.session = session;
    }

    public StackTraceResponse stackTrace(StackTraceArguments args) {
        int threadId = args.getThreadId();
        List<StackEntry> all = session.shownThreads().get(threadId).stack();
        SourceRegistry sources = session.attachment().sources();
        ClientOptions client = session.clientOptions();
        Page page = Page.of(args.getStartFrame(), args.getLevels(), all.size(), MAX_LEVELS);
        List<StackFrame> frames = new ArrayList<>();
        for (StackEntry e : page.of(all)) {
            StackFrame frame = new StackFrame();
            frame.setId(session.frames().register(new FrameRef(threadId, e.frame())));
            if (e.isLabel()) {
                // A separator naming what the frames after it belong to; clients show it greyed, not as a frame.
                frame.setName(e.label());
                frame.setPresentationHint(StackFramePresentationHint.LABEL);
            } else {
                frame.setName(e.frame().function());
                frame.setSource(sources.describe(e.frame().file()));
                frame.setLine(client.line(e.frame().line()));
                frame.setColumn(client.firstColumn());
                if (!e.consistent()) {
                    // The stack kept changing under the reader: these frames may mix two moments.
                    frame.setPresentationHint(StackFramePresentationHint.SUBTLE);
                }
            }
            frames.add(frame);
        }
        StackTraceResponse response = new StackTraceResponse();
        response.setStackFrames(frames.toArray(StackFrame[]::new));
        response.setTotalFrames(all.size());
        return response;
    }
}
