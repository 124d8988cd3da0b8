package dev.pyprobe.server.dap.state;

import java.util.List;

/**
 * A thread as the client sees it, whatever shows it: a thread of the process, a breakpoint
 * snapshot, an asyncio task. Each comes from a {@link ThreadSource} of {@link ShownThreads}.
 */
public interface ShownThread {

    /** What {@code continue} on a thread does. */
    enum OnContinue {
        /** Drops the current snapshot with every thread it shows (and releases a stop breakpoint's stop). */
        DROP_PAUSE,
        /** Discards this thread alone; nothing else changes. */
        DISCARD_THREAD
    }

    /** Its DAP thread id, which it keeps for as long as it is shown. */
    int id();

    /** Its name in the Call Stack. */
    String name();

    /**
     * Its stack, innermost first.
     *
     * @throws dev.pyprobe.server.dap.DapException when it has none to show (a live thread)
     */
    List<StackEntry> stack();

    /**
     * The values its frames are read through, kept while it shows them.
     *
     * @throws dev.pyprobe.server.dap.DapException when it has none (a live thread)
     */
    SnapshotValues values();

    OnContinue onContinue();
}
