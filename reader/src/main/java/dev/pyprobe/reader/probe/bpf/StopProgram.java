package dev.pyprobe.reader.probe.bpf;

/**
 * The opt-in "stop at the hit" program: {@code bpf_send_signal_thread(SIGSTOP); return 1;}. The
 * signal is raised on the thread that hit the probe, before it runs another user instruction, so
 * the whole process stops exactly there (SIGSTOP stops every thread) until it gets SIGCONT. It
 * returns 1, not 0, because for uprobe and perf-event programs 0 tells the kernel to drop the
 * sample, and a stopped hit must still be counted and delivered.
 */
public final class StopProgram {
    static final int HELPER_SEND_SIGNAL_THREAD = 117; // BPF_FUNC_send_signal_thread, Linux 5.5+
    static final int SIGSTOP = 19;

    private StopProgram() {
    }

    /** For uprobes (USDT). */
    public static BpfProgram forUprobes() {
        return load(BpfProgram.TYPE_KPROBE, "pyprobe_stop_up");
    }

    /** For hardware breakpoints. */
    public static BpfProgram forBreakpoints() {
        return load(BpfProgram.TYPE_PERF_EVENT, "pyprobe_stop_bp");
    }

    private static BpfProgram load(int type, String name) {
        return BpfProgram.load(type, name,
                BpfProgram.movImm(1, SIGSTOP),
                BpfProgram.call(HELPER_SEND_SIGNAL_THREAD),
                BpfProgram.movImm(0, 1),
                BpfProgram.exit());
    }
}
