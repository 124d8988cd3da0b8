/**
 * The {@code pyprobe} command line (picocli): {@code dump} (snapshot printers for text and JSON),
 * {@code trace} (tracepoints, with {@link dev.pyprobe.server.cli.HitPrinter} applying the same
 * hit rules as DAP breakpoints), {@code dap} and {@code serve} (the DAP server on stdio and TCP),
 * {@code demo}, and the benchmarks {@code bench} and {@code bench-trace} (with
 * {@link dev.pyprobe.server.cli.InstalledInterpreters} finding the machine's Pythons and
 * {@link dev.pyprobe.server.cli.BpftraceCounter} running bpftrace as the peer).
 */
package dev.pyprobe.server.cli;
