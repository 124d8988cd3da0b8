/**
 * Kernel probes on a live process, with no change to it beyond what the kernel does for a probe:
 * perf events (uprobes, hardware breakpoints) opened through JNA, BPF programs that decide in the
 * kernel which hits count, and mmap ring buffers read on one reader thread. Every mechanism filters
 * in the kernel, so user space gets only the thread and the time of the hits that count; nothing
 * of the target (registers, stack, arguments) is copied out at a hit.
 *
 * <ul>
 *   <li>{@code perf}: {@link dev.pyprobe.reader.probe.perf.PerfEvent} (a uprobe, hardware
 *       breakpoint or BPF output ring, with its mmap ring {@code PerfRing}),
 *       {@link dev.pyprobe.reader.probe.perf.SampleFormat} and
 *       {@link dev.pyprobe.reader.probe.perf.Sample} (thread, time and instruction pointer of a
 *       hit), {@link dev.pyprobe.reader.probe.perf.EventLoop} (the epoll reader thread, with
 *       lost and throttled records reported to each {@link dev.pyprobe.reader.probe.perf.EventListener}),
 *       {@link dev.pyprobe.reader.probe.perf.PerThreadEvents} (one event per thread of a process,
 *       following new threads from FORK records and by rescanning /proc/PID/task), and
 *       {@link dev.pyprobe.reader.probe.perf.UserRegister} (registers by their {@code pt_regs}
 *       offset, as BPF programs read them).</li>
 *   <li>{@code usdt}: {@link dev.pyprobe.reader.probe.usdt.UsdtProbes} (the SystemTap notes of a
 *       mapped ELF, from the elf package, as attachable
 *       {@link dev.pyprobe.reader.probe.usdt.UsdtProbe}s), {@link dev.pyprobe.reader.probe.usdt.ArgSpec}
 *       (a note's argument parsed into where its value is: register, memory at register plus
 *       displacement, or constant) and {@link dev.pyprobe.reader.probe.usdt.SemaphoreHolder} (a
 *       probe's semaphore kept raised by a uprobe at an instruction that never runs again).</li>
 *   <li>{@code watch}: {@link dev.pyprobe.reader.probe.watch.Watchpoints}, hardware watchpoints
 *       in every thread within the budget of 4 debug registers per thread, and
 *       {@link dev.pyprobe.reader.probe.watch.BreakpointDelivery}, the self-test that tells whether
 *       this host delivers hardware breakpoints at all.</li>
 *   <li>{@code bpf}: {@link dev.pyprobe.reader.probe.bpf.BpfAssembler} (BPF instructions with named
 *       jump targets), {@link dev.pyprobe.reader.probe.bpf.BpfMap} (rows of 64-bit parameters and
 *       counters shared with a program), {@link dev.pyprobe.reader.probe.bpf.BpfOutput} (per-CPU
 *       rings a program streams hits into), {@link dev.pyprobe.reader.probe.bpf.BpfProgram}
 *       (loading and attaching), the filter programs that keep one Python function's hits
 *       ({@link dev.pyprobe.reader.probe.bpf.FilterProgram}, their common shape;
 *       {@link dev.pyprobe.reader.probe.bpf.TracepointFilter}, one loaded with its maps;
 *       {@link dev.pyprobe.reader.probe.bpf.UsdtArgumentFilter} on a USDT probe's two first
 *       arguments, {@link dev.pyprobe.reader.probe.bpf.FrameArgumentFilter} on the frame an eval
 *       function gets, {@link dev.pyprobe.reader.probe.bpf.RunningFrameFilter} on the running frame
 *       found from a global), and {@link dev.pyprobe.reader.probe.bpf.PlaceCounter}, which counts a
 *       watchpoint's hits per instruction pointer in the kernel and, for the opt-in stop action,
 *       stops the process with SIGSTOP at each hit (filters stop on their own).</li>
 * </ul>
 *
 * <p>Counts: {@code hits()} are the kernel's own counts (a filter's counter, or a perf event's
 * count) and stay exact when a ring overflows; records a ring dropped are reported as lost, never
 * hidden.
 */
package dev.pyprobe.reader.probe;
