package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerThreadEvents;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.Sample;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A USDT probe attached to every thread of one process through the uprobe PMU. The kernel raises
 * the probe's semaphore while it is attached and lowers it when the last event is closed, also
 * when pyprobe dies. Hits are counted and their arguments decoded on the reader thread.
 */
public final class UsdtAttachment implements AutoCloseable {
    /** Hits a thread's ring holds between two drains before the kernel must drop some. */
    public static final int RING_RECORDS = 4096;
    public static final Duration THREAD_RESCAN = Duration.ofMillis(100);

    private final UsdtProbe probe;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final PerThreadEvents events;

    private UsdtAttachment(UsdtProbe probe, int pid, EventLoop loop, RemoteMemory memory, UsdtListener listener,
            BpfProgram program) {
        this.probe = probe;
        var format = probe.sampleFormat();
        EventListener decoder = new EventListener() {
            @Override
            public void onSample(PerfEvent source, Sample sample) {
                delivered.incrementAndGet();
                long[] values = new long[probe.arguments().size()];
                try {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = probe.arguments().get(i).value(sample, memory);
                    }
                } catch (RuntimeException e) {
                    listener.onDecodeError(probe, sample.tid(), e);
                    return;
                }
                listener.onHit(new UsdtHit(probe, sample.tid(), sample.timeNanos(), values));
            }

            @Override
            public void onLost(PerfEvent source, long count) {
                listener.onLost(count);
            }

            @Override
            public void onThrottled(PerfEvent source) {
                throttled.incrementAndGet();
                listener.onThrottled(source.tid());
            }
        };
        this.events = PerThreadEvents.open(pid,
                tid -> BpfProgram.runAt(PerfEvent.uprobe(probe.uprobe(), tid, format, format.ringPagesFor(RING_RECORDS)),
                        program),
                loop, decoder, listener::onThreadFailed, THREAD_RESCAN);
    }

    /** Attaches {@code probe} to every thread of {@code pid}; hits go to {@code listener}. */
    public static UsdtAttachment attach(UsdtProbe probe, int pid, EventLoop loop, RemoteMemory memory,
            UsdtListener listener) {
        return new UsdtAttachment(probe, pid, loop, memory, listener, null);
    }

    /**
     * Same as {@link #attach(UsdtProbe, int, EventLoop, RemoteMemory, UsdtListener)}, with a BPF
     * program of type KPROBE (such as the stop program) run at every hit.
     */
    public static UsdtAttachment attach(UsdtProbe probe, int pid, EventLoop loop, RemoteMemory memory,
            UsdtListener listener, BpfProgram program) {
        return new UsdtAttachment(probe, pid, loop, memory, listener, program);
    }

    public UsdtProbe probe() {
        return probe;
    }

    /** Times the probe fired, by the kernel's own count (exact even when a ring overflowed). */
    public long hits() {
        return events.counts().hits();
    }

    /** Hits whose samples reached the listener so far (drain the event loop first). */
    public long delivered() {
        return delivered.get();
    }

    /** Hit samples the kernel dropped because a ring was full, by its own count. */
    public long lost() {
        return events.counts().lost();
    }

    /** Times the kernel throttled this probe; each time some hits went uncounted. */
    public long throttled() {
        return throttled.get();
    }

    public PerThreadEvents threads() {
        return events;
    }

    @Override
    public void close() {
        events.close();
    }
}
