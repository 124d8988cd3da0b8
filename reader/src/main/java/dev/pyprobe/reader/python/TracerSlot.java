package dev.pyprobe.reader.python;

import dev.pyprobe.reader.python.trace.Tracer;
import java.util.function.Supplier;

/**
 * The target's tracer, made on first use (only tracing needs perf_event_open) and closed with
 * the target, which removes its tracepoints.
 */
final class TracerSlot {
    private final Supplier<Tracer> factory;
    private Tracer tracer;

    TracerSlot(Supplier<Tracer> factory) {
        this.factory = factory;
    }

    synchronized Tracer get() {
        if (tracer == null) {
            tracer = factory.get();
        }
        return tracer;
    }

    synchronized void close() {
        if (tracer != null) {
            tracer.close();
        }
    }
}
