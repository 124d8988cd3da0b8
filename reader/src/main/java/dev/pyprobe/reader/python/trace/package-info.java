/**
 * Tracepoints on a live process: {@link dev.pyprobe.reader.python.trace.Tracer} keeps them and
 * chooses a mechanism for each (USDT where the build has a probe that fires, else hardware
 * watchpoints where the host delivers them, else uprobes on the interpreter), saying why it passed
 * over the others. Each mechanism is one class behind
 * {@link dev.pyprobe.reader.python.trace.TraceMechanism}:
 * {@link dev.pyprobe.reader.python.trace.UsdtMechanism},
 * {@link dev.pyprobe.reader.python.trace.WatchpointMechanism} (with
 * {@link dev.pyprobe.reader.python.trace.CallFilter}) and
 * {@link dev.pyprobe.reader.python.trace.UprobeMechanism}; where a version's probes and handlers
 * are is layout data ({@code trace} in layouts.json). Every mechanism counts in the kernel;
 * {@link dev.pyprobe.reader.python.trace.CostGuard} refuses a mechanism that traps on every call
 * when the process's call rate makes it too costly, unless the user accepted the cost.
 */
package dev.pyprobe.reader.python.trace;
