package dev.pyprobe.reader.python.trace;

/**
 * One hit of a tracepoint.
 *
 * @param tid       kernel thread id of the thread that ran the code
 * @param timeNanos CLOCK_MONOTONIC time of the hit, from the kernel
 * @param stopped   the process was stopped at the hit (stop action) and waits for {@link Tracer#resume()}
 * @param frameAddress the frame that runs the traced code, where the mechanism knows it (uprobes), else 0; at a
 *                  function's start on Python up to 3.10 it is not yet the thread's current frame
 */
public record TraceHit(Tracepoint tracepoint, int tid, long timeNanos, String function, String file, int line,
                       boolean stopped, long frameAddress) {
}
