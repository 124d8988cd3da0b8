package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.state.ShownThread;
import dev.pyprobe.server.dap.state.SnapshotValues;
import dev.pyprobe.server.dap.state.StackEntry;
import dev.pyprobe.server.dap.state.ThreadLabel;
import dev.pyprobe.server.dap.state.ThreadSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threads that show breakpoint snapshots, listed after the process's threads and tasks: each
 * with a stack read at its hit (the hitting thread's frames, then every other thread's after a
 * label) and values of its own (its snapshot is another moment than a pause's), kept until it is
 * discarded. The process's own threads are not affected by them.
 */
public final class CaptureThreads implements ThreadSource {
    private final DebugSession session;
    private final Map<Integer, SnapshotValues> values = new HashMap<>();

    public CaptureThreads(DebugSession session) {
        this.session = session;
    }

    @Override
    public List<ShownThread> threads() {
        if (!session.isAttached()) {
            return List.of();
        }
        return captures().all().stream().<ShownThread>map(Shown::new).toList();
    }

    @Override
    public Optional<ShownThread> find(int threadId) {
        if (!session.isAttached()) {
            return Optional.empty();
        }
        return captures().get(threadId).map(Shown::new);
    }

    @Override
    public Optional<DapException> gone(int threadId) {
        if (!session.isAttached() || !captures().gaveOut(threadId)) {
            return Optional.empty();
        }
        return Optional.of(new DapException(ErrorCode.STALE_REFERENCE, "Thread " + threadId + " is a breakpoint "
                + "snapshot that has been discarded (continued, or dropped: at most " + Captures.MAX_KEPT
                + " are kept)."));
    }

    /** A snapshot's thread is gone (continued or dropped): the values read for it with it. */
    public synchronized void forget(int threadId) {
        values.remove(threadId);
    }

    private synchronized SnapshotValues valuesOf(int threadId) {
        return values.computeIfAbsent(threadId, id -> new SnapshotValues(session.attachment().target()));
    }

    private Captures captures() {
        return session.attachment().breakpoints().captures();
    }

    /** One kept capture as a thread. */
    private final class Shown implements ShownThread {
        private final Captures.Shown shown;

        Shown(Captures.Shown shown) {
            this.shown = shown;
        }

        @Override
        public int id() {
            return shown.threadId();
        }

        @Override
        public String name() {
            return shown.name();
        }

        @Override
        public List<StackEntry> stack() {
            List<StackEntry> entries = new ArrayList<>();
            ThreadStack hitting = shown.capture().hitting();
            hitting.frames().forEach(f -> entries.add(StackEntry.frame(f, hitting.consistent())));
            for (ThreadStack other : shown.capture().others()) {
                if (!other.frames().isEmpty()) {
                    entries.add(StackEntry.label("thread " + ThreadLabel.of(other.thread()), other.frames().get(0)));
                    other.frames().forEach(f -> entries.add(StackEntry.frame(f, other.consistent())));
                }
            }
            return entries;
        }

        @Override
        public SnapshotValues values() {
            return valuesOf(shown.threadId());
        }

        @Override
        public OnContinue onContinue() {
            return OnContinue.DISCARD_THREAD;
        }
    }
}
