package dev.pyprobe.reader.probe.perf;

import dev.pyprobe.reader.NoSuchProcessException;
import dev.pyprobe.reader.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One perf event per thread of a process, because a perf event with a pid follows that one
 * thread. A thread that starts later is noticed through the FORK record its creator's event
 * writes (as soon as the reader drains that ring), and, as a safety net, by listing
 * /proc/PID/task at a fixed interval; its hits before its own event is open are missed. Threads
 * that exit have their events closed. Threads on which the event cannot be opened (no free debug register, for instance) are
 * recorded as failures and reported, the others keep working.
 */
public final class PerThreadEvents implements AutoCloseable {
    /** Opens the event for one thread; it is enabled by this class after registration. */
    public interface Opener {
        PerfEvent open(int tid);
    }

    /** Told when a thread could not get its event. */
    public interface FailureListener {
        void onThreadFailed(int tid, ProbeException reason);
    }

    private final int pid;
    private final Path taskDir;
    private final Opener opener;
    private final EventLoop loop;
    private final EventListener listener;
    private final FailureListener failures;
    /**
     * Guards {@link #events} and {@link #retired} for the queries (counts, threads), which
     * listeners may call on the reader thread. Changes to the event set are serialized by this
     * object's monitor instead, which is held across calls into the event loop; so a listener
     * must not call {@link #rescan()} or {@link #close()}.
     */
    private final Object state = new Object();
    private final Map<Integer, PerfEvent> events = new HashMap<>();
    private final Map<Integer, ProbeException> failed = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService rescanner;
    /** Counts of the events already closed (threads that exited). */
    private EventCounts retired = EventCounts.ZERO;
    private boolean closed;

    private PerThreadEvents(int pid, Opener opener, EventLoop loop, EventListener listener, FailureListener failures,
            Duration rescan) {
        this.pid = pid;
        this.taskDir = Path.of("/proc", Integer.toString(pid), "task");
        this.opener = opener;
        this.loop = loop;
        this.listener = new ForkWatcher(listener);
        this.failures = failures;
        this.rescanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pyprobe-threads-" + pid);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, rescan.toMillis());
        rescanner.scheduleWithFixedDelay(this::rescanQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens and enables the event on every current thread of {@code pid}. Throws the first
     * thread's error when no thread at all could get the event; partial failures are reported to
     * {@code failures} and kept in {@link #failures()}.
     */
    public static PerThreadEvents open(int pid, Opener opener, EventLoop loop, EventListener listener,
            FailureListener failures, Duration rescan) {
        PerThreadEvents set = new PerThreadEvents(pid, opener, loop, listener, failures, rescan);
        try {
            set.rescan();
            synchronized (set.state) {
                if (set.events.isEmpty()) {
                    ProbeException first = set.failed.values().stream().findFirst()
                            .orElseGet(() -> new ProbeException("process " + pid + " has no threads"));
                    throw first;
                }
            }
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** Brings the event set in line with the process's threads now. */
    public synchronized void rescan() {
        if (closed) {
            return;
        }
        Set<Integer> live = new HashSet<>(tasks());
        for (int tid : live) {
            if (!threads().contains(tid) && !failed.containsKey(tid)) {
                openOn(tid);
            }
        }
        for (Integer tid : threads()) {
            if (!live.contains(tid)) {
                closeOn(tid);
            }
        }
        failed.keySet().retainAll(live);
    }

    private void openOn(int tid) {
        PerfEvent e;
        try {
            e = opener.open(tid);
        } catch (ProbeException ex) {
            if (ex.errno() == Kernel.ESRCH) {
                return; // the thread exited between the listing and the open
            }
            failed.put(tid, ex);
            failures.onThreadFailed(tid, ex);
            return;
        }
        try {
            loop.add(e, listener);
            e.enable();
            synchronized (state) {
                events.put(tid, e);
            }
        } catch (RuntimeException ex) {
            loop.remove(e);
            e.close();
            throw ex;
        }
    }

    private void closeOn(int tid) {
        PerfEvent e;
        synchronized (state) {
            e = events.remove(tid);
            try {
                retired = retired.plus(e.counts());
            } catch (ProbeException ex) {
                // A descriptor that cannot be read any more has nothing left to add.
            }
        }
        loop.remove(e);
        e.close();
    }

    /** The kernel's counts summed over every thread's event, including threads that exited. */
    public EventCounts counts() {
        synchronized (state) {
            EventCounts sum = retired;
            for (PerfEvent e : events.values()) {
                sum = sum.plus(e.counts());
            }
            return sum;
        }
    }

    /**
     * Passes everything on, and answers a FORK of our process with a rescan on the rescanner
     * thread: the reader thread must not open events itself, it holds the loop's lock.
     */
    private final class ForkWatcher implements EventListener {
        private final EventListener next;

        ForkWatcher(EventListener next) {
            this.next = next;
        }

        @Override
        public void onSample(PerfEvent source, Sample sample) {
            next.onSample(source, sample);
        }

        @Override
        public void onLost(PerfEvent source, long count) {
            next.onLost(source, count);
        }

        @Override
        public void onThrottled(PerfEvent source) {
            next.onThrottled(source);
        }

        @Override
        public void onThreadStarted(PerfEvent source, int childPid, int tid) {
            if (childPid == pid) {
                try {
                    rescanner.execute(PerThreadEvents.this::rescanQuietly);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // Closed meanwhile: nothing to follow any more.
                }
            }
            next.onThreadStarted(source, childPid, tid);
        }
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            // The process may have exited; the owner notices through its own checks.
        }
    }

    private List<Integer> tasks() {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> s = Files.list(taskDir)) {
            s.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException e) {
            if (threads().isEmpty()) {
                throw new NoSuchProcessException(pid);
            }
        }
        return tids;
    }

    /** Threads that have the event now. */
    public Set<Integer> threads() {
        synchronized (state) {
            return Collections.unmodifiableSet(new HashSet<>(events.keySet()));
        }
    }

    /** Threads that could not get the event, with the reason. */
    public Map<Integer, ProbeException> failures() {
        return Map.copyOf(failed);
    }

    /** Closes every event after delivering what their rings hold. */
    @Override
    public void close() {
        rescanner.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Integer tid : threads()) {
                closeOn(tid);
            }
        }
    }
}
