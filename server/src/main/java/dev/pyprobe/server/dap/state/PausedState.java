package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.ThreadStack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The snapshot the client is looking at after a {@code pause}: every thread's stack as it was at
 * that moment, keyed by DAP thread id, the asyncio tasks read with it and the values read for it.
 * The process itself keeps running.
 */
public final class PausedState {
    private final ProcessSnapshot snapshot;
    private final Map<Integer, ThreadStack> stacks = new LinkedHashMap<>();
    private final int focusThreadId;
    private final SnapshotValues values;
    private final PausedTasks tasks;

    /** A snapshot shown without its asyncio tasks (a stop breakpoint's). */
    public PausedState(ProcessSnapshot snapshot, ToIntFunction<Long> threadIdOfIdent, int wanted, SnapshotValues values) {
        this(snapshot, threadIdOfIdent, wanted, values, PausedTasks.NONE);
    }

    /**
     * @param wanted the thread the stop is about (the one paused, or the one at a hit), or 0 for none
     * @param values what has been and will be read of the snapshot's threads, kept while it is shown
     * @param tasks  the asyncio tasks read with the snapshot
     */
    public PausedState(ProcessSnapshot snapshot, ToIntFunction<Long> threadIdOfIdent, int wanted, SnapshotValues values,
                       PausedTasks tasks) {
        this.snapshot = snapshot;
        this.values = values;
        this.tasks = tasks;
        for (ThreadStack stack : snapshot.threads()) {
            stacks.put(threadIdOfIdent.applyAsInt(stack.thread().ident()), stack);
        }
        this.focusThreadId = stacks.containsKey(wanted) ? wanted : stacks.keySet().stream().findFirst().orElse(0);
    }

    public ProcessSnapshot snapshot() {
        return snapshot;
    }

    /** Stacks by DAP thread id, in the interpreter's order. */
    public Map<Integer, ThreadStack> stacks() {
        return stacks;
    }

    public SnapshotValues values() {
        return values;
    }

    public PausedTasks tasks() {
        return tasks;
    }

    public Optional<ThreadStack> stack(int threadId) {
        return Optional.ofNullable(stacks.get(threadId));
    }

    /**
     * The thread the stop shows first: the one asked for when it is in the snapshot, else the
     * first one; 0 when the snapshot has no thread. An evaluate without a frame looks there.
     */
    public int focusThreadId() {
        return focusThreadId;
    }
}
