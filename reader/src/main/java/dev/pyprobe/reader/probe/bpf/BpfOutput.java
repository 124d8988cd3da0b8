package dev.pyprobe.reader.probe.bpf;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.Kernel;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.SampleFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a BPF program streams records: a BPF_PERF_EVENT_ARRAY map holding one BPF_OUTPUT perf
 * event per CPU, whose rings the event loop reads. A record is written on the CPU the program runs
 * on, by {@code bpf_perf_event_output(ctx, map, BPF_F_CURRENT_CPU, data, size)}, and arrives as a
 * sample carrying the calling thread and the time. A full ring drops records and says how many.
 * The rings are opened only for programs that stream; the map always exists, so a program can
 * refer to it.
 */
public final class BpfOutput implements AutoCloseable {
    private static final int RING_RECORDS = 4096;

    private final int mapFd;
    private final List<PerfEvent> rings = new ArrayList<>();
    private final EventLoop loop;
    private boolean closed;

    private BpfOutput(int mapFd, EventLoop loop) {
        this.mapFd = mapFd;
        this.loop = loop;
    }

    /**
     * The map, with a ring per CPU read by {@code loop} and delivered to {@code listener} when
     * {@code listener} is not null.
     */
    public static BpfOutput open(EventLoop loop, EventListener listener) {
        return open(loop, listener, SampleFormat.withValue());
    }

    /** The same, for records in {@code format} (e.g. ones whose whole data is kept). */
    public static BpfOutput open(EventLoop loop, EventListener listener, SampleFormat format) {
        int cpus = possibleCpus();
        BpfOutput out = new BpfOutput(createMap(cpus), loop);
        try {
            if (listener != null) {
                for (int cpu = 0; cpu < cpus; cpu++) {
                    PerfEvent ring;
                    try {
                        ring = PerfEvent.bpfOutput(cpu, format, format.ringPagesFor(RING_RECORDS));
                    } catch (ProbeException e) {
                        if (e.errno() == Kernel.ENODEV || e.errno() == Kernel.EINVAL) {
                            continue; // a possible CPU that is offline
                        }
                        throw e;
                    }
                    out.rings.add(ring);
                    loop.add(ring, listener);
                    ring.enable();
                    out.put(cpu, ring.fd());
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    int fd() {
        return mapFd;
    }

    private static int createMap(int cpus) {
        return BpfMapCalls.create(BpfMapCalls.TYPE_PERF_EVENT_ARRAY, 4, 4, cpus, "a BPF perf event array");
    }

    private void put(int cpu, int eventFd) {
        try (Memory key = new Memory(4); Memory value = new Memory(4)) {
            key.setInt(0, cpu);
            value.setInt(0, eventFd);
            BpfMapCalls.update(mapFd, key, value);
        }
    }

    /** The kernel's possible CPUs ({@code 0-N}), which a per-CPU map must cover. */
    static int possibleCpus() {
        try {
            String text = Files.readString(Path.of("/sys/devices/system/cpu/possible")).trim();
            String last = text.substring(Math.max(text.lastIndexOf('-'), text.lastIndexOf(',')) + 1);
            return Integer.parseInt(last) + 1;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PerfEvent ring : rings) {
            loop.remove(ring);
            ring.close();
        }
        Kernel.close(mapFd);
    }
}
