package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.probe.bpf.BpfOutput;
import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.bpf.FilterProgram;
import dev.pyprobe.reader.probe.bpf.TracepointFilter;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.Sample;
import dev.pyprobe.reader.probe.perf.SampleFormat;
import dev.pyprobe.reader.probe.perf.UprobeTarget;
import dev.pyprobe.reader.python.CodeLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Uprobes at places that every Python call passes, each running one location's filter program:
 * the program drops other functions' hits in the kernel, counts the location's own, and streams
 * them through its output rings when asked. The kernel runs a uprobe event's program for the hits
 * of every thread of the process (uprobes are filtered per address space), so one event per place,
 * opened on the main thread, sees every thread, including threads that start later, and counts
 * each hit exactly once.
 */
final class FilteredUprobes implements ArmedProbes {
    /** Filters of the locations, loaded with the given flags and output. */
    interface FilterLoader {
        TracepointFilter load(CodeLocation location, long flags, BpfOutput output);
    }

    private final EventLoop loop;
    private final List<BpfOutput> outputs = new ArrayList<>();
    private final List<TracepointFilter> filters = new ArrayList<>();
    private final List<PerfEvent> events = new ArrayList<>();

    FilteredUprobes(int pid, EventLoop loop, List<UprobeTarget> places, List<CodeLocation> locations,
                    TraceOptions options, ProbeHits hits, FilterLoader loader) {
        this.loop = loop;
        boolean stream = options.streamHits() || options.stopAtHit();
        long flags = (stream ? FilterProgram.STREAM : 0) | (options.stopAtHit() ? FilterProgram.STOP : 0);
        try {
            for (CodeLocation location : locations) {
                BpfOutput output = BpfOutput.open(loop, stream ? listener(location, options.stopAtHit(), hits) : null);
                outputs.add(output);
                TracepointFilter filter = loader.load(location, flags, output);
                filters.add(filter);
                for (UprobeTarget place : places) {
                    PerfEvent event = BpfProgram.runAt(PerfEvent.uprobe(place, pid, SampleFormat.basic(), 1),
                            filter.program());
                    events.add(event);
                    event.enable();
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static EventListener listener(CodeLocation location, boolean stopped, ProbeHits hits) {
        return new EventListener() {
            @Override
            public void onSample(PerfEvent source, Sample sample) {
                hits.hit(location, sample.tid(), sample.timeNanos(), stopped, sample.value());
            }

            @Override
            public void onLost(PerfEvent source, long count) {
                hits.lost(count);
            }

            @Override
            public void onThrottled(PerfEvent source) {
                hits.problem("the kernel throttled the output ring: some streamed hits were not delivered "
                        + "(the count stays exact)");
            }
        };
    }

    @Override
    public OptionalLong kernelHits() {
        return OptionalLong.of(filters.stream().mapToLong(TracepointFilter::hits).sum());
    }

    @Override
    public long traps() {
        return filters.isEmpty() ? 0 : filters.get(0).traps();
    }

    @Override
    public void close() {
        events.forEach(PerfEvent::close);
        events.clear();
        filters.forEach(TracepointFilter::close);
        filters.clear();
        outputs.forEach(BpfOutput::close);
        outputs.clear();
    }
}
