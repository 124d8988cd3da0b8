package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.breakpoints.Captures;
import dev.pyprobe.server.dap.state.ClientOptions;
import dev.pyprobe.server.dap.state.FrameRef;
import dev.pyprobe.server.dap.state.Page;
import dev.pyprobe.server.dap.state.SourceRegistry;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackFramePresentationHint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;
import org.eclipse.lsp4j.debug.ThreadsResponse;

/**
 * The threads that show breakpoint snapshots: listed after the process's threads, each with a
 * stack read at its hit (the hitting thread's frames, then every other thread's after a label),
 * and gone when the client continues it. The process's own threads are not affected.
 */
public final class SnapshotThreadsHandler {
    private final DebugSession session;

    public SnapshotThreadsHandler(DebugSession session) {
        this.session = session;
    }

    public static boolean owns(Integer threadId) {
        return threadId != null && Captures.isCaptureThread(threadId);
    }

    /** The process's threads followed by one thread per kept snapshot. */
    public ThreadsResponse withSnapshots(ThreadsResponse process) {
        if (!session.isAttached()) {
            return process;
        }
        List<Thread> all = new ArrayList<>(List.of(process.getThreads()));
        for (Captures.Shown s : session.attachment().breakpoints().captures().all()) {
            Thread t = new Thread();
            t.setId(s.threadId());
            t.setName(s.name());
            all.add(t);
        }
        process.setThreads(all.toArray(Thread[]::new));
        return process;
    }

    public StackTraceResponse stackTrace(StackTraceArguments args) {
        Captures.Shown shown = shown(args.getThreadId());
        List<Entry> entries = new ArrayList<>();
        ThreadStack hitting = shown.capture().hitting();
        hitting.frames().forEach(f -> entries.add(new Entry(f, null, hitting.consistent())));
        for (ThreadStack other : shown.capture().others()) {
            if (!other.frames().isEmpty()) {
                entries.add(new Entry(other.frames().get(0), "thread " + ThreadsHandler.label(other.thread()), true));
                other.frames().forEach(f -> entries.add(new Entry(f, null, other.consistent())));
            }
        }
        SourceRegistry sources = session.attachment().sources();
        ClientOptions client = session.clientOptions();
        Page page = Page.of(args.getStartFrame(), args.getLevels(), entries.size(), StackTraceHandler.MAX_LEVELS);
        List<StackFrame> frames = new ArrayList<>();
        for (Entry e : page.of(entries)) {
            StackFrame frame = new StackFrame();
            frame.setId(session.frames().register(new FrameRef(args.getThreadId(), e.frame())));
            if (e.label() != null) {
                // A separator naming the thread whose frames follow; clients show it greyed, not as a frame.
                frame.setName(e.label());
                frame.setPresentationHint(StackFramePresentationHint.LABEL);
            } else {
                frame.setName(e.frame().function());
                frame.setSource(sources.describe(e.frame().file()));
                frame.setLine(client.line(e.frame().line()));
                frame.setColumn(client.firstColumn());
                if (!e.consistent()) {
                    frame.setPresentationHint(StackFramePresentationHint.SUBTLE);
                }
            }
            frames.add(frame);
        }
        StackTraceResponse response = new StackTraceResponse();
        response.setStackFrames(frames.toArray(StackFrame[]::new));
        response.setTotalFrames(entries.size());
        return response;
    }

    /** A frame of the snapshot's stack, or a label (for the first frame of another thread). */
    private record Entry(PythonFrame frame, String label, boolean consistent) {
    }

    /** Continuing a snapshot's thread discards the snapshot; the process was never stopped for it. */
    public ContinueResponse continue_(ContinueArguments args) {
        int threadId = args.getThreadId();
        if (!session.attachment().breakpoints().discard(threadId)) {
            throw unknown(threadId);
        }
        session.forgetSnapshotThread(threadId);
        ThreadEventArguments exited = new ThreadEventArguments();
        exited.setReason(ThreadEventArgumentsReason.EXITED);
        exited.setThreadId(threadId);
        session.afterResponse("continue", () -> session.client().thread(exited));
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(false);
        return response;
    }

    private Captures.Shown shown(int threadId) {
        return session.attachment().breakpoints().captures().get(threadId).orElseThrow(() -> unknown(threadId));
    }

    private static DapException unknown(int threadId) {
        return new DapException(ErrorCode.STALE_REFERENCE, "Thread " + threadId + " is a breakpoint snapshot that "
                + "has been discarded (continued, or dropped: at most 20 are kept).");
    }
}
