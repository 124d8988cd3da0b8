package dev.pyprobe.reader.probe.watch;

import dev.pyprobe.reader.probe.DebugRegistersExhaustedException;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.Kernel;
import dev.pyprobe.reader.probe.perf.PerThreadEvents;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hardware watchpoints on one process. A perf breakpoint event follows one thread, so each
 * watchpoint is one event per thread, and x86 has 4 debug registers per thread: this class
 * refuses a fifth watchpoint up front, and threads whose registers are taken by someone else
 * (a debugger, another perf user) are reported per thread by the kernel's ENOSPC.
 */
public final class Watchpoints implements AutoCloseable {
    public static final int DEBUG_REGISTERS_PER_THREAD = 4;
    /**
     * Ring data pages per thread and watchpoint: 32 pages hold 4096 hit samples, about 16 ms of
     * back-to-back hits, between two drains. Hits beyond that are still counted by the kernel.
     */
    static final int RING_PAGES = 32;
    public static final Duration THREAD_RESCAN = Duration.ofMillis(100);

    private final int pid;
    private final EventLoop loop;
    private final List<Watchpoint> active = new ArrayList<>();

    public Watchpoints(int pid, EventLoop loop) {
        this.pid = pid;
        this.loop = loop;
    }

    /** Watches {@code address} in every thread of the process, now and as threads start. */
    public Watchpoint watch(long address, int length, WatchKind kind, WatchListener listener) {
        return watch(address, length, kind, listener, null);
    }

    /**
     * Same as {@link #watch(long, int, WatchKind, WatchListener)}, with a BPF program (of type
     * PERF_EVENT, such as the stop program) run at every hit when {@code program} is not null.
     */
    public Watchpoint watch(long address, int length, WatchKind kind, WatchListener listener, BpfProgram program) {
        check(address, length, kind);
        Watchpoint w;
        synchronized (this) {
            if (active.size() >= DEBUG_REGISTERS_PER_THREAD) {
                throw new DebugRegistersExhaustedException(pid, Kernel.ENOSPC);
            }
            w = new Watchpoint(this, address, length, kind);
            active.add(w);
        }
        try {
            EventListener counter = new EventListener() {
                @Override
                public void onSample(PerfEvent source, Sample sample) {
                    w.hit(sample.ip());
                    listener.onHit(w, sample.tid(), sample.timeNanos(), sample.ip());
                }

                @Override
                public void onLost(PerfEvent source, long count) {
                    listener.onLost(w, count);
                }

                @Override
                public void onThrottled(PerfEvent source) {
                    w.throttled.incrementAndGet();
                    listener.onThrottled(w, source.tid());
                }
            };
            w.bind(PerThreadEvents.open(pid,
                    tid -> BpfProgram.runAt(PerfEvent.breakpoint(address, length, kind.bpType, tid, RING_PAGES), program),
                    loop, counter, (tid, reason) -> listener.onThreadFailed(w, tid, reason), THREAD_RESCAN));
            return w;
        } catch (RuntimeException e) {
            released(w);
            throw e;
        }
    }

    private static void check(long address, int length, WatchKind kind) {
        if (kind == WatchKind.EXECUTE && length != 8) {
            throw new ProbeException("an execute watchpoint must have length 8, not " + length);
        }
        if (length != 1 && length != 2 && length != 4 && length != 8) {
            throw new ProbeException("a watchpoint covers 1, 2, 4 or 8 bytes, not " + length);
        }
        if (kind != WatchKind.EXECUTE && address % length != 0) {
            throw new ProbeException(String.format("a %d-byte watchpoint needs an address aligned to %d; 0x%x is not",
                    length, length, address));
        }
        if (address <= 0 || address >= 0x0000_8000_0000_0000L) {
            throw new ProbeException(String.format("0x%x is not a user-space address", address));
        }
    }

    /** Watchpoints this process may still add (every thread has the same budget). */
    public synchronized int freeRegisters() {
        return DEBUG_REGISTERS_PER_THREAD - active.size();
    }

    synchronized void released(Watchpoint w) {
        active.remove(w);
    }

    @Override
    public void close() {
        List<Watchpoint> all;
        synchronized (this) {
            all = new ArrayList<>(active);
        }
        all.forEach(Watchpoint::close);
    }
}
