package dev.pyprobe.reader.python;

/**
 * How to take a snapshot.
 *
 * @param freeze stop the target with SIGSTOP while the stacks are read and resume it after,
 *               for a view that is consistent across threads; changes the target's job-control
 *               state for that moment, so it is opt-in
 * @param maxDepth frames read per thread at most (deeper frames are cut, innermost kept)
 * @param framesBeingSetUp also show 3.11+ frames that have not started their first instruction
 *               (CPython's own walkers hide them); a process stopped at a function's entry is in one
 */
public record SnapshotOptions(boolean freeze, int maxDepth, boolean framesBeingSetUp) {
    public static final SnapshotOptions DEFAULT = new SnapshotOptions(false, 4096, false);

    public SnapshotOptions withFreeze(boolean f) {
        return new SnapshotOptions(f, maxDepth, framesBeingSetUp);
    }

    public SnapshotOptions withMaxDepth(int depth) {
        return new SnapshotOptions(freeze, depth, framesBeingSetUp);
    }

    public SnapshotOptions withFramesBeingSetUp(boolean show) {
        return new SnapshotOptions(freeze, maxDepth, show);
    }
}
