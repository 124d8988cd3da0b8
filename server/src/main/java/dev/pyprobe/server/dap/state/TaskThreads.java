package dev.pyprobe.server.dap.state;

import dev.pyprobe.server.dap.DebugSession;
import java.util.List;

/** The asyncio tasks of the current pause, each shown as a thread after the process's threads. */
public final class TaskThreads implements ThreadSource {
    private final DebugSession session;

    public TaskThreads(DebugSession session) {
        this.session = session;
    }

    @Override
    public List<ShownThread> threads() {
        return session.isPaused() ? session.paused().tasks().threads() : List.of();
    }
}
