package dev.pyprobe.server.dap.state;

import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every thread the client is shown, from each of its sources in turn (the process's threads, the
 * asyncio tasks of the pause, the breakpoint snapshots): {@code threads}, {@code stackTrace},
 * {@code continue}, {@code variables} and {@code evaluate} find a thread here by its id, whichever
 * source shows it. The sources' ids never collide (each takes them where no other does), so an id
 * is found in at most one of them.
 */
public final class ShownThreads {
    private final List<ThreadSource> sources;
    private final Runnable requirePaused;

    /**
     * @param sources       in the order the Call Stack lists them
     * @param requirePaused throws when there is no snapshot: the reason an unknown id has no stack
     *                      while the process runs
     */
    public ShownThreads(List<ThreadSource> sources, Runnable requirePaused) {
        this.sources = List.copyOf(sources);
        this.requirePaused = requirePaused;
    }

    public List<ShownThread> all() {
        List<ShownThread> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.threads()));
        return all;
    }

    public Optional<ShownThread> find(int threadId) {
        for (ThreadSource source : sources) {
            Optional<ShownThread> found = source.find(threadId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** @throws DapException saying why, when no source shows {@code threadId} */
    public ShownThread get(int threadId) {
        return find(threadId).orElseThrow(() -> {
            DapException gone = gone(threadId).orElse(null);
            if (gone != null) {
                return gone;
            }
            requirePaused.run();
            return new DapException(ErrorCode.STALE_REFERENCE, "Thread " + threadId + " is not in the current "
                    + "snapshot (it started after it was taken or has exited); pause again for a new snapshot.");
        });
    }

    /**
     * What {@code continue} on {@code threadId} does. A continue without a thread, or on one no
     * source shows (it may have exited since), continues the pause.
     *
     * @throws DapException when the id was of a thread that was discarded
     */
    public ShownThread.OnContinue onContinue(int threadId) {
        Optional<ShownThread> found = find(threadId);
        if (found.isPresent()) {
            return found.get().onContinue();
        }
        Optional<DapException> gone = gone(threadId);
        if (gone.isPresent()) {
            throw gone.get();
        }
        return ShownThread.OnContinue.DROP_PAUSE;
    }

    private Optional<DapException> gone(int threadId) {
        return sources.stream().map(s -> s.gone(threadId)).flatMap(Optional::stream).findFirst();
    }
}
