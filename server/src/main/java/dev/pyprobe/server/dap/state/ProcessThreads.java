package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.dap.DebugSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process's own threads: while a snapshot is shown, its threads (so that every listed thread
 * has a stack), named with their state at the snapshot; otherwise the live threads, which have no
 * stack until a pause. Their ids are the session's {@link ThreadIdMap} ids of their idents.
 */
public final class ProcessThreads implements ThreadSource {
    private final DebugSession session;

    public ProcessThreads(DebugSession session) {
        this.session = session;
    }

    @Override
    public List<ShownThread> threads() {
        if (!session.isPaused()) {
            List<ShownThread> live = new ArrayList<>();
            for (PythonThread t : session.attachment().target().threads()) {
                live.add(new Live(session.threadIds().idOf(t.ident()), ThreadLabel.of(t)));
            }
            return live;
        }
        PausedState paused = session.paused();
        List<ShownThread> shown = new ArrayList<>();
        for (Map.Entry<Integer, ThreadStack> e : paused.stacks().entrySet()) {
            shown.add(paused(e.getKey(), e.getValue(), paused.values()));
        }
        return shown;
    }

    /** Found only in a snapshot: a live thread has no stack, and finding one would read the process. */
    @Override
    public Optional<ShownThread> find(int threadId) {
        if (!session.isPaused()) {
            return Optional.empty();
        }
        PausedState paused = session.paused();
        return paused.stack(threadId).map(stack -> paused(threadId, stack, paused.values()));
    }

    private static ShownThread paused(int id, ThreadStack stack, SnapshotValues values) {
        List<StackEntry> entries = stack.frames().stream().map(f -> StackEntry.frame(f, stack.consistent())).toList();
        return new PausedThread(id, ThreadLabel.of(stack.thread()), entries, values);
    }

    /** A thread of the running process: listed, with nothing to show until a pause. */
    private record Live(int id, String name) implements ShownThread {
        @Override
        public List<StackEntry> stack() {
            throw DebugSession.notPaused();
        }

        @Override
        public SnapshotValues values() {
            throw DebugSession.notPaused();
        }

        @Override
        public OnContinue onContinue() {
            return OnContinue.DROP_PAUSE;
        }
    }
}
