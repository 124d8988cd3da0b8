package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.SampleFormat;
import dev.pyprobe.reader.probe.perf.UprobeTarget;

/**
 * Keeps a USDT probe's semaphore raised in a process without attaching the probe itself: a uprobe
 * carrying the semaphore's offset, placed at an instruction that never runs again. The kernel
 * raises the semaphore while the uprobe is installed and lowers it when our descriptor closes,
 * even if pyprobe dies. One event on the main thread is enough: semaphores are per process.
 */
public final class SemaphoreHolder implements AutoCloseable {
    private final PerfEvent event;

    private SemaphoreHolder(PerfEvent event) {
        this.event = event;
    }

    /** Raises {@code probe}'s semaphore in {@code pid}, holding it with a uprobe at {@code anchorOffset}. */
    public static SemaphoreHolder raise(int pid, UsdtProbe probe, long anchorOffset) {
        UprobeTarget target = UprobeTarget.withSemaphore(probe.binaryPath(), anchorOffset, probe.semaphoreFileOffset());
        PerfEvent e = PerfEvent.uprobe(target, pid, SampleFormat.basic(), 1);
        try {
            e.enable();
            return new SemaphoreHolder(e);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    @Override
    public void close() {
        event.close();
    }
}
