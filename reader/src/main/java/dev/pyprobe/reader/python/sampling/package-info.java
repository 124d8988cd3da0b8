/**
 * Profiling by sampling: every thread's stack read at a fixed rate without stopping the process,
 * the samples folded into a {@link dev.pyprobe.reader.python.sampling.Profile}. Knows nothing of
 * output formats or terminals.
 */
package dev.pyprobe.reader.python.sampling;
