package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.wording.ThreadIds;
import dev.pyprobe.server.wording.ThreadStatus;
import java.util.List;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

/**
 * {@code threads}: while a snapshot is shown, its threads (so that every listed thread has a
 * stack), named with their state at the snapshot; otherwise the live thread list. The client lists
 * threads again at every stop, so a new snapshot's names show by themselves; an
 * {@code invalidated} event on top made VS Code redraw the stopped thread with one frame.
 */
public final class ThreadsHandler {
    private final DebugSession session;

    public ThreadsHandler(DebugSession session) {
        this.session = session;
    }

    public ThreadsResponse threads() {
        boolean paused = session.isPaused();
        List<PythonThread> threads = paused
                ? session.paused().snapshot().threads().stream().map(ThreadStack::thread).toList()
                : session.attachment().target().threads();
        Thread[] listed = new Thread[threads.size()];
        for (int i = 0; i < listed.length; i++) {
            listed[i] = toDap(threads.get(i));
        }
        ThreadsResponse response = new ThreadsResponse();
        response.setThreads(listed);
        return response;
    }

    private Thread toDap(PythonThread t) {
        Thread thread = new Thread();
        thread.setId(session.threadIds().idOf(t.ident()));
        thread.setName(label(t));
        return thread;
    }

    /**
     * The thread's Python name, its kernel TID (and in a container the id it has there) and what
     * it was doing when read.
     */
    static String label(PythonThread t) {
        StringBuilder label = new StringBuilder(t.displayName()).append(" (");
        if (t.nativeId() != 0) {
            label.append("tid ").append(t.nativeId()).append(", ");
        }
        ThreadIds.inNamespace(t).ifPresent(id -> label.append(id).append(", "));
        label.append(ThreadStatus.of(t));
        return label.append(')').toString();
    }
}
