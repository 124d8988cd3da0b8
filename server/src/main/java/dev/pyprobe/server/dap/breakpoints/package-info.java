/**
 * DAP breakpoints as tracepoints: {@link dev.pyprobe.server.dap.breakpoints.Breakpoints} diffs
 * what the client sets against what is traced and answers
 * ({@link dev.pyprobe.server.dap.breakpoints.BreakpointAnswers});
 * {@link dev.pyprobe.server.dap.breakpoints.HitProcessor} decides what each hit shows (with the
 * protocol-free rules of {@code dev.pyprobe.server.tracing}), captures the process at stop and
 * snapshot hits, and {@link dev.pyprobe.server.dap.breakpoints.HitPublisher} sends output lines,
 * stops and snapshot threads, which {@link dev.pyprobe.server.dap.breakpoints.CaptureThreads}
 * shows among the session's threads; {@link dev.pyprobe.server.dap.breakpoints.BreakpointReporter}
 * tells the client once a second what changed.
 */
package dev.pyprobe.server.dap.breakpoints;
