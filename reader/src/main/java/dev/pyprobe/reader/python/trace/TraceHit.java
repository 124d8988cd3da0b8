package dev.pyprobe.reader.python.trace;

/**
 * One hit of a tracepoint.
 *
 * @param tid       kernel thread id of the thread that ran the code
 * @param timeNanos CLOCK_MONOTONIC time of the hit, from the kernel
 * @param stopped   the process was stopped at the hit (stop action) and waits for {@link Tracer#resume()}
 */
public record TraceHit(Tracepoint tracepoint, int tid, long timeNanos, String function, String file, int line,
                       boolean stopped) {
}
