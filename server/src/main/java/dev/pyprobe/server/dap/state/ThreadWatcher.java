package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.PythonThread;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the target's thread list at a fixed interval and reports threads that started or exited,
 * and the target's death. Its one daemon thread stops with {@link #close()}.
 */
public final class ThreadWatcher implements AutoCloseable {

    /** What the watcher reports; called on the watcher's thread. */
    public interface Listener {
        void changed(ThreadChanges changes);

        void targetExited();
    }

    private final Supplier<List<PythonThread>> readThreads;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private Set<Long> known;

    /**
     * @param readThreads reads the live thread list; throws {@link ProcessExitedException} once the target is gone
     * @param initial     the threads the client already knows of
     */
    public ThreadWatcher(Supplier<List<PythonThread>> readThreads, List<PythonThread> initial,
                         Listener listener, Duration interval) {
        this.readThreads = readThreads;
        this.listener = listener;
        this.known = idents(initial);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pyprobe-thread-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        List<PythonThread> now;
        try {
            now = readThreads.get();
        } catch (ProcessExitedException e) {
            scheduler.shutdown();
            listener.targetExited();
            return;
        } catch (ReaderException e) {
            // A list read while threads start or stop can be torn; the next round reads it again.
            System.err.println("pyprobe: thread list not readable this round: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            // An escaping exception would cancel the schedule silently; log it and keep watching.
            System.err.println("pyprobe: reading the thread list failed");
            e.printStackTrace(System.err);
            return;
        }
        ThreadChanges changes = ThreadChanges.between(known, now);
        known = idents(now);
        if (!changes.isEmpty()) {
            listener.changed(changes);
        }
    }

    private static Set<Long> idents(List<PythonThread> threads) {
        Set<Long> idents = new HashSet<>();
        threads.forEach(t -> idents.add(t.ident()));
        return idents;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
