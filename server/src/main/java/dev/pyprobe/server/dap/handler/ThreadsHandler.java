package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.ShownThread;
import dev.pyprobe.server.dap.state.ThreadLabel;
import java.util.List;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;

/**
 * {@code threads}: every thread the session shows ({@link dev.pyprobe.server.dap.state.ShownThreads}):
 * the process's threads (while a snapshot is shown its threads, named with their state at the
 * snapshot; otherwise the live ones), the asyncio tasks of the pause, the breakpoint snapshots.
 * The client lists threads again at every stop, so a new snapshot's names show by themselves; an
 * {@code invalidated} event on top made VS Code redraw the stopped thread with one frame.
 */
public final class ThreadsHandler {
    private final DebugSession session;

    public ThreadsHandler(DebugSession session) {
        this.session = session;
    }

    public ThreadsResponse threads() {
        List<ShownThread> shown = session.shownThreads().all();
        Thread[] listed = new Thread[shown.size()];
        for (int i = 0; i < listed.length; i++) {
            listed[i] = new Thread();
            listed[i].setId(shown.get(i).id());
            listed[i].setName(shown.get(i).name());
        }
        ThreadsResponse response = new ThreadsResponse();
        response.setThreads(listed);
        return response;
    }

    /** A process thread's name in the Call Stack. */
    static String label(PythonThread t) {
        return ThreadLabel.of(t);
    }
}
