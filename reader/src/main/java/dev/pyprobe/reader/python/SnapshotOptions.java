package dev.pyprobe.reader.python;

/**
 * How to take a snapshot.
 *
 * @param freeze stop the target with SIGSTOP while the stacks are read and resume it after,
 *               for a view that is consistent across threads; changes the target's job-control
 *               state for that moment, so it is opt-in
 * @param maxDepth frames read per thread at most (deeper frames are cut, innermost kept)
 */
public record SnapshotOptions(boolean freeze, int maxDepth) {
    public static final SnapshotOptions DEFAULT = new SnapshotOptions(false, 4096);

    public SnapshotOptions withFreeze(boolean f) {
        return new SnapshotOptions(f, maxDepth);
    }
}
