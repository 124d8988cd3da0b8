package dev.pyprobe.reader.probe.perf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import java.nio.charset.StandardCharsets;

/**
 * One open perf event (a file descriptor) on one thread, with its ring buffer if it has one. Events are opened
 * disabled; {@link #enable()} starts counting. Closing the descriptor (or the death of this
 * process) removes the probe from the target and, for uprobes, lowers the semaphore.
 */
public final class PerfEvent implements AutoCloseable {
    private static final long IOC_ENABLE = 0x2400;
    private static final long IOC_DISABLE = 0x2401;
    private static final long IOC_SET_BPF = 0x40042408L;
    private static final long PERF_FLAG_FD_CLOEXEC = 8;

    private final int fd;
    private final int tid;
    private final String description;
    private final PerfRing ring;
    private boolean closed;

    private PerfEvent(int fd, int tid, String description, PerfRing ring) {
        this.fd = fd;
        this.tid = tid;
        this.description = description;
        this.ring = ring;
    }

    /** A uprobe on one thread ({@code tid}); each hit becomes a sample in the given format. */
    public static PerfEvent uprobe(UprobeTarget target, int tid, SampleFormat format, int ringPages) {
        UprobePmu pmu = UprobePmu.get();
        PerfEventAttr attr = new PerfEventAttr(pmu.type).sampleFormat(format);
        if (target.returnProbe()) {
            attr.config |= 1L << pmu.retprobeBit;
        }
        if (target.semaphoreFileOffset() != 0) {
            if (pmu.refCtrShift < 0) {
                throw new ProbeException("this kernel's uprobe PMU cannot manage USDT semaphores (no ref_ctr_offset;"
                        + " Linux 4.20 or later needed)");
            }
            attr.config |= target.semaphoreFileOffset() << pmu.refCtrShift;
        }
        byte[] pathBytes = target.path().getBytes(StandardCharsets.UTF_8);
        try (Memory path = new Memory(pathBytes.length + 1)) {
            path.write(0, pathBytes, 0, pathBytes.length);
            path.setByte(pathBytes.length, (byte) 0);
            attr.config1 = Memory.nativeValue(path);
            attr.config2 = target.fileOffset();
            attr.wakeupWatermark(ringPages * PerfRing.PAGE / 4);
            return open(attr, tid, target + " on thread " + tid, false, ringPages, format);
        }
    }

    /**
     * A hardware breakpoint on one thread: {@code bpType} is one of the HW_BREAKPOINT_* kinds of
     * {@link PerfEventAttr}, {@code length} 1, 2, 4 or 8 (8 for execute breakpoints).
     */
    public static PerfEvent breakpoint(long address, int length, int bpType, int tid, int ringPages) {
        PerfEventAttr attr = new PerfEventAttr(PerfEventAttr.TYPE_BREAKPOINT).sampleFormat(SampleFormat.basic());
        attr.bpType = bpType;
        attr.config1 = address;
        attr.config2 = length;
        attr.wakeupWatermark(ringPages * PerfRing.PAGE / 4);
        String what = String.format("hardware watchpoint at 0x%x (len %d) on thread %d", address, length, tid);
        return open(attr, tid, what, true, ringPages, SampleFormat.basic());
    }

    /**
     * The ring of one CPU into which BPF programs write with {@code bpf_perf_event_output} (a
     * software BPF_OUTPUT event); its samples carry the thread and time of the program's caller.
     */
    public static PerfEvent bpfOutput(int cpu, SampleFormat format, int ringPages) {
        PerfEventAttr attr = new PerfEventAttr(PerfEventAttr.TYPE_SOFTWARE).sampleFormat(format).bpfOutputOnly();
        attr.config = PerfEventAttr.SW_BPF_OUTPUT;
        attr.wakeupWatermark(ringPages * PerfRing.PAGE / 4);
        return open(attr, -1, cpu, "BPF output ring of CPU " + cpu, false, ringPages, format);
    }

    /**
     * A timer on one CPU that fires every {@code periodNanos} whatever runs there, only to run the
     * BPF program attached to it ({@link #attachBpf}), which runs while the thread it interrupted
     * is stopped and writes what it has to say elsewhere, so the event has no ring of its own. One
     * per CPU rather than one per thread: an event on a thread costs that thread at every context
     * switch, which a program whose threads hand a lock to each other thousands of times a second
     * pays in full (Python 2.7's four spinning threads ran at 0.76-0.83 of their speed).
     */
    public static PerfEvent cpuClock(int cpu, long periodNanos) {
        PerfEventAttr attr = new PerfEventAttr(PerfEventAttr.TYPE_SOFTWARE).programOnly();
        attr.config = PerfEventAttr.SW_CPU_CLOCK;
        attr.samplePeriod = periodNanos;
        return open(attr, -1, cpu, "CPU clock of CPU " + cpu, false, 0, SampleFormat.basic());
    }

    private static PerfEvent open(PerfEventAttr attr, int tid, String what, boolean breakpoint, int ringPages,
            SampleFormat format) {
        return open(attr, tid, -1, what, breakpoint, ringPages, format);
    }

    private static PerfEvent open(PerfEventAttr attr, int tid, int cpu, String what, boolean breakpoint, int ringPages,
            SampleFormat format) {
        int fd;
        try (Memory native_ = attr.toNative()) {
            fd = (int) Kernel.syscall(Kernel.SYS_PERF_EVENT_OPEN, Memory.nativeValue(native_), tid, cpu, -1,
                    PERF_FLAG_FD_CLOEXEC);
        }
        if (fd < 0) {
            throw PerfErrors.openFailure(Kernel.errno(), what, tid, breakpoint);
        }
        try {
            return new PerfEvent(fd, tid, what, ringPages == 0 ? null : PerfRing.map(fd, ringPages, format));
        } catch (RuntimeException e) {
            Kernel.close(fd);
            throw e;
        }
    }

    public int fd() {
        return fd;
    }

    public int tid() {
        return tid;
    }

    public void enable() {
        ioctl(IOC_ENABLE, 0, "enable");
    }

    public void disable() {
        ioctl(IOC_DISABLE, 0, "disable");
    }

    /** Runs a loaded BPF program at every hit (PERF_EVENT_IOC_SET_BPF). */
    public void attachBpf(int programFd) {
        ioctl(IOC_SET_BPF, programFd, "attach BPF program to");
    }

    /**
     * The kernel's own figures for this event: how many times it fired (whether or not its
     * sample reached the ring) and how many records the ring dropped.
     */
    public synchronized EventCounts counts() {
        if (closed) {
            throw new ProbeException("cannot read " + description + ": already closed");
        }
        try (com.sun.jna.Memory buf = new com.sun.jna.Memory(16)) {
            long n = Kernel.read(fd, buf, 16);
            if (n != 16) {
                throw PerfErrors.callFailure("read of the counts of " + description, n < 0 ? Kernel.errno() : Kernel.EINVAL);
            }
            return new EventCounts(buf.getLong(0), buf.getLong(8));
        }
    }

    int drain(PerfRing.Sink sink) {
        return ring == null ? 0 : ring.drain(sink);
    }

    private synchronized void ioctl(long request, long arg, String verb) {
        if (closed) {
            throw new ProbeException("cannot " + verb + " " + description + ": already closed");
        }
        if (Kernel.ioctl(fd, request, arg) < 0) {
            throw PerfErrors.callFailure("ioctl to " + verb + " " + description, Kernel.errno());
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (ring != null) {
                ring.unmap();
            }
            Kernel.close(fd);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
