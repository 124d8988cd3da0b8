package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DebugSession;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;

/**
 * {@code continue} on a breakpoint snapshot's thread: the snapshot is discarded and its thread
 * exits; the process was never stopped for it, and its other threads are not affected.
 */
public final class SnapshotThreadsHandler {
    private final DebugSession session;

    public SnapshotThreadsHandler(DebugSession session) {
        this.session = session;
    }

    public ContinueResponse discard(int threadId) {
        // False when the oldest was dropped for a new hit since it was found: that drop said so already.
        if (session.attachment().breakpoints().discard(threadId)) {
            session.forgetSnapshotThread(threadId);
            ThreadEventArguments exited = new ThreadEventArguments();
            exited.setReason(ThreadEventArgumentsReason.EXITED);
            exited.setThreadId(threadId);
            session.afterResponse("continue", () -> session.client().thread(exited));
        }
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(false);
        return response;
    }
}
