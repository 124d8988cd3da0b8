package dev.pyprobe.reader.probe.perf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reader thread that waits on the perf events' descriptors with epoll and hands their samples
 * to listeners. Events wake it when their ring is a quarter full; it also drains every ring at
 * each poll interval so that a few hits are delivered without waiting for the ring to fill.
 */
public final class EventLoop implements AutoCloseable {
    private static final int EPOLLHUP = 0x010;
    private static final int EPOLLERR = 0x008;
    private static final int MAX_EVENTS = 64;

    private final Map<Integer, Registration> registrations = new ConcurrentHashMap<>();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final int epfd;
    private final int wakeFd;
    private final int pollMillis;
    private final Thread thread;
    private volatile boolean running = true;

    private static final class Registration {
        final PerfEvent event;
        final EventListener listener;

        Registration(PerfEvent event, EventListener listener) {
            this.event = event;
            this.listener = listener;
        }
    }

    public EventLoop(String name, Duration pollInterval) {
        this.pollMillis = (int) Math.max(1, Math.min(pollInterval.toMillis(), 10_000));
        this.epfd = Kernel.epoll_create1(Kernel.O_CLOEXEC);
        if (epfd < 0) {
            throw PerfErrors.callFailure("epoll_create1", Kernel.errno());
        }
        this.wakeFd = Kernel.eventfd(0, Kernel.O_CLOEXEC);
        if (wakeFd < 0) {
            int errno = Kernel.errno();
            Kernel.close(epfd);
            throw PerfErrors.callFailure("eventfd", errno);
        }
        watch(wakeFd);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts delivering the samples of {@code event} to {@code listener}. */
    public void add(PerfEvent event, EventListener listener) {
        registrations.put(event.fd(), new Registration(event, listener));
        watch(event.fd());
    }

    /** Delivers what is left in the event's ring, then stops reading it. The caller closes it. */
    public synchronized void remove(PerfEvent event) {
        Registration r = registrations.remove(event.fd());
        if (r != null) {
            drain(r);
            Kernel.epoll_ctl(epfd, Kernel.EPOLL_CTL_DEL, event.fd(), null);
        }
    }

    /** Delivers every record now in every ring, on the calling thread. */
    public synchronized void drainNow() {
        for (Registration r : registrations.values()) {
            drain(r);
        }
    }

    /** Records the kernel dropped so far, over all events of this loop. */
    public long lostRecords() {
        return lost.get();
    }

    /** Times the kernel throttled an event of this loop (hits were missed each time). */
    public long throttles() {
        return throttles.get();
    }

    /**
     * Listener calls that threw. A listener's failure is its own: the reader goes on delivering
     * to every other listener, and the first failure is printed once to standard error.
     */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    public long samplesDelivered() {
        return samples.get();
    }

    private void watch(int fd) {
        try (Memory ev = new Memory(Kernel.EPOLL_EVENT_SIZE)) {
            ev.setInt(0, Kernel.EPOLLIN);
            ev.setLong(4, fd);
            if (Kernel.epoll_ctl(epfd, Kernel.EPOLL_CTL_ADD, fd, ev) < 0) {
                throw PerfErrors.callFailure("epoll_ctl(ADD)", Kernel.errno());
            }
        }
    }

    private void run() {
        try (Memory events = new Memory((long) MAX_EVENTS * Kernel.EPOLL_EVENT_SIZE)) {
            while (running) {
                int n = Kernel.epoll_wait(epfd, events, MAX_EVENTS, pollMillis);
                if (n < 0 && Kernel.errno() != Kernel.EINTR) {
                    throw new ProbeException("epoll_wait failed with " + Kernel.errnoName(Kernel.errno()));
                }
                for (int i = 0; i < n; i++) {
                    int mask = events.getInt((long) i * Kernel.EPOLL_EVENT_SIZE);
                    int fd = (int) events.getLong((long) i * Kernel.EPOLL_EVENT_SIZE + 4);
                    if (fd != wakeFd && (mask & (EPOLLHUP | EPOLLERR)) != 0) {
                        // The thread exited: its event will never fire again, and a hung-up
                        // descriptor would wake epoll forever. Keep it for the final drain.
                        Kernel.epoll_ctl(epfd, Kernel.EPOLL_CTL_DEL, fd, null);
                    }
                }
                drainNow();
            }
        } catch (RuntimeException e) {
            // Nothing sensible to do on this thread; say so rather than die silently.
            System.err.println("pyprobe: perf event reader stopped: " + e.getMessage());
        }
    }

    private void drain(Registration r) {
        r.event.drain(new PerfRing.Sink() {
            @Override
            public void sample(Sample sample) {
                samples.incrementAndGet();
                guarded(() -> r.listener.onSample(r.event, sample));
            }

            @Override
            public void lost(long count) {
                lost.addAndGet(count);
                guarded(() -> r.listener.onLost(r.event, count));
            }

            @Override
            public void throttled() {
                throttles.incrementAndGet();
                guarded(() -> r.listener.onThrottled(r.event));
            }

            @Override
            public void threadStarted(int pid, int tid) {
                guarded(() -> r.listener.onThreadStarted(r.event, pid, tid));
            }
        });
    }

    private void guarded(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (listenerFailures.getAndIncrement() == 0) {
                System.err.println("pyprobe: a perf event listener failed (later failures are only counted): " + e);
            }
        }
    }

    /** Stops the reader thread after a last drain. Events stay open: their owners close them. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try (Memory one = new Memory(8)) {
            one.setLong(0, 1);
            Kernel.write(wakeFd, one, 8);
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainNow();
        Kernel.close(wakeFd);
        Kernel.close(epfd);
    }
}
