/**
 * Kernel tracepoints on a live process, with no change to it beyond what the kernel does for a
 * probe: perf events opened through JNA, read from mmap ring buffers on one reader thread.
 *
 * <ul>
 *   <li>{@code perf}: {@link dev.pyprobe.reader.probe.perf.PerfEvent} (a uprobe or hardware
 *       breakpoint on one thread, with its ring), {@link dev.pyprobe.reader.probe.perf.EventLoop}
 *       (the epoll reader thread), {@link dev.pyprobe.reader.probe.perf.PerThreadEvents} (one
 *       event per thread of a process, following threads by rescanning /proc/PID/task).</li>
 *   <li>{@code usdt}: {@link dev.pyprobe.reader.probe.usdt.ArgSpec} (SystemTap argument specs),
 *       {@link dev.pyprobe.reader.probe.usdt.UsdtProbes} (probes of a mapped ELF, from the elf
 *       package), {@link dev.pyprobe.reader.probe.usdt.UsdtAttachment} (a probe on every thread,
 *       semaphore raised and lowered by the kernel).</li>
 *   <li>{@code python}: {@link dev.pyprobe.reader.probe.python.PythonUsdt}, CPython's
 *       function entry/return and line probes decoded to file, function and line.</li>
 *   <li>{@code watch}: {@link dev.pyprobe.reader.probe.watch.Watchpoints}, hardware watchpoints
 *       in every thread within the budget of 4 debug registers per thread.</li>
 *   <li>{@code bpf}: {@link dev.pyprobe.reader.probe.bpf.StopProgram}, the opt-in program that
 *       stops the process at a hit with SIGSTOP.</li>
 * </ul>
 *
 * <p>Counts: {@code hits()} are the kernel's own counts and stay exact when a ring overflows;
 * samples the ring dropped are reported as lost, never hidden.
 */
package dev.pyprobe.reader.probe;
