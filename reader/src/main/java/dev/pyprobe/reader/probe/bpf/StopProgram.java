package dev.pyprobe.reader.probe.bpf;

import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R0;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R1;

/**
 * The opt-in "stop at the hit" program for hardware breakpoints:
 * <pre>
 *   bpf_send_signal_thread(SIGSTOP);
 *   return 1;
 * </pre>
 * The signal is raised on the thread that hit the watchpoint, before it runs another user
 * instruction, so the whole process stops exactly there (SIGSTOP stops every thread) until it gets
 * SIGCONT. It returns 1, not 0, because 0 tells the kernel to drop the sample, and a stopped hit
 * must still be counted and delivered. (Uprobe mechanisms stop from their filter program, which
 * knows whether the hit is the traced function's.)
 */
public final class StopProgram {
    static final int SIGSTOP = 19;

    private StopProgram() {
    }

    public static BpfProgram forBreakpoints() {
        return BpfProgram.load(BpfProgram.TYPE_PERF_EVENT, "pyprobe_stop_bp", new BpfAssembler()
                .mov(R1, SIGSTOP)
                .call(BpfAssembler.SEND_SIGNAL_THREAD)
                .mov(R0, 1)
                .exit()
                .assemble());
    }
}
