package dev.pyprobe.server.dap.state;

import java.util.List;

/**
 * A thread of the current pause (a process thread's stack, an asyncio task's coroutines, or a
 * label entry): read through the pause's values, and gone with the pause at {@code continue}.
 */
record PausedThread(int id, String name, List<StackEntry> stack, SnapshotValues values) implements ShownThread {
    PausedThread {
        stack = List.copyOf(stack);
    }

    @Override
    public OnContinue onContinue() {
        return OnContinue.DROP_PAUSE;
    }
}
