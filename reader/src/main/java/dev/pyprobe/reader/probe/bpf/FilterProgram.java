package dev.pyprobe.reader.probe.bpf;

import static dev.pyprobe.reader.probe.bpf.BpfAssembler.FP;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R0;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R1;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R2;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R3;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R4;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R5;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R6;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R7;

import dev.pyprobe.reader.probe.bpf.BpfAssembler.Cond;
import dev.pyprobe.reader.probe.bpf.BpfAssembler.Size;
import dev.pyprobe.reader.probe.perf.UserRegister;

/**
 * What every tracepoint filter program shares, like the common header of a family of BPF tools:
 * the layout of its parameter row, its counters, its opening and its ending. A filter runs at
 * each hit of a uprobe that serves many Python functions, decides whether the hit is the traced
 * function's, and counts it in the kernel. In pseudo-C, around each program's own test:
 * <pre>
 *   u64 *count = counters[0], *p = params[0];
 *   u64 frame = 0;                               // the program sets it where it finds the frame
 *   count[TRAPS]++;                              // every hit, for the cost guard
 *   ... the program's test: goto drop unless the hit is the traced function's ...
 *   count[HITS]++;
 *   if (p[FLAGS] &amp; STOP) bpf_send_signal_thread(SIGSTOP);
 *   if (p[FLAGS] &amp; STREAM) bpf_perf_event_output(ctx, &amp;output, BPF_F_CURRENT_CPU, &amp;frame, 8);
 * drop:
 *   return 0;                                    // the probe's own event records nothing
 * </pre>
 * Streamed hits go through {@link BpfOutput}'s per-CPU rings, not the probe's own event: a
 * uprobe's event belongs to one thread, but its program runs for the hits of every thread of the
 * process (the kernel filters uprobes per address space), so one event per place sees every
 * thread, new ones included, and counts each hit once.
 * <p>Why assembled here rather than compiled from C with clang: the programs are a few dozen
 * instructions, the machines that build and run pyprobe have no clang, and a program written
 * next to its pseudo-C with named jump targets reads as well as the C would; everything that
 * differs per version or per process (offsets, addresses, registers, the code object) is a
 * parameter in a map, never part of the instructions.
 *
 * <p>Registers inside a program: r6 the context (the probed thread's {@code struct pt_regs}), r7 the
 * parameter row, r8 and r9 the program's own; r1-r5 and r0 do not survive helper calls.
 */
public final class FilterProgram {
    /** Parameter slots every filter has; a program's own start at {@link #FIRST_OWN}. */
    public static final int TARGET = 0;
    public static final int TARGET2 = 1;
    public static final int FLAGS = 2;
    public static final int FIRST_OWN = 3;
    public static final int PARAM_SLOTS = 24;

    /** {@link #FLAGS} bits. */
    public static final long STREAM = 1;
    public static final long STOP = 2;

    /** Counter slots. */
    public static final int HITS = 0;
    public static final int TRAPS = 1;
    public static final int COUNTER_SLOTS = 2;

    static final String DROP = "drop";
    static final String MATCH = "match";
    private static final int SIGSTOP = 19;
    /** BPF_F_CURRENT_CPU: the output map's entry of the CPU the program runs on. */
    private static final int CURRENT_CPU = 0xffffffff;
    /** Stack slots below the frame pointer. */
    private static final int KEY = -4;
    private static final int SCRATCH = -16;
    /** The frame of the hit where the program knows it (0 where not): what a streamed hit carries. */
    static final int FRAME = -24;

    private FilterProgram() {
    }

    /** The opening: counts the trap and leaves the parameter row in r7 and the context in r6. */
    static BpfAssembler begin(BpfMap params, BpfMap counters) {
        BpfAssembler a = new BpfAssembler().movReg(R6, R1);
        a.storeImm(Size.U64, FP, FRAME, 0);
        a.storeImm(Size.U32, FP, KEY, 0);
        lookup(a, counters);
        a.mov(R1, 1).atomicAdd(R0, 8 * TRAPS, R1);
        lookup(a, params);
        return a.movReg(R7, R0);
    }

    /** {@code r0 = map[0]}, or drop when the lookup fails (it never does for an array). */
    private static void lookup(BpfAssembler a, BpfMap map) {
        a.loadMap(R1, map).movReg(R2, FP).addImm(R2, KEY).call(BpfAssembler.MAP_LOOKUP_ELEM)
                .jump(Cond.EQ, R0, 0, DROP);
    }

    /** {@code dst = params[slot]}. */
    static void param(BpfAssembler a, int dst, int slot) {
        a.load(Size.U64, dst, R7, 8 * slot);
    }

    /**
     * {@code dst = *(size *)(address)} in the target's memory, or drop the hit when it cannot be
     * read (a bad pointer in a half-built frame is not an error, it is not our function).
     */
    static void readUser(BpfAssembler a, int dst, int address, Size size) {
        a.storeImm(Size.U64, FP, SCRATCH, 0);
        a.movReg(R3, address).movReg(R1, FP).addImm(R1, SCRATCH).mov(R2, bytes(size))
                .call(BpfAssembler.PROBE_READ_USER).jump(Cond.NE, R0, 0, DROP);
        a.load(size, dst, FP, SCRATCH);
    }

    /**
     * {@code dst} = the probed thread's register whose {@code pt_regs} offset is in
     * {@code params[slot]}. The verifier allows the context to be read at constant offsets only, so
     * the choice is a comparison per register, made from the register table.
     */
    static void loadRegister(BpfAssembler a, int dst, int slot, String label) {
        param(a, R1, slot);
        for (UserRegister r : UserRegister.values()) {
            String next = label + "_not_" + r.name();
            a.jump(Cond.NE, R1, r.ptRegsOffset(), next);
            a.load(Size.U64, dst, R6, r.ptRegsOffset()).jump(label);
            a.label(next);
        }
        a.jump(DROP);
        a.label(label);
    }

    /** The ending: the {@code match} and {@code drop} blocks; returns the program's bytes. */
    static byte[] end(BpfAssembler a, BpfMap counters, BpfOutput output) {
        a.label(MATCH);
        a.storeImm(Size.U32, FP, KEY, 0);
        lookup(a, counters);
        a.mov(R1, 1).atomicAdd(R0, 8 * HITS, R1);
        param(a, R1, FLAGS);
        a.and(R1, (int) STOP).jump(Cond.EQ, R1, 0, "no_stop");
        a.mov(R1, SIGSTOP).call(BpfAssembler.SEND_SIGNAL_THREAD);
        a.label("no_stop");
        param(a, R1, FLAGS);
        a.and(R1, (int) STREAM).jump(Cond.EQ, R1, 0, DROP);
        a.movReg(R1, R6).loadMap(R2, output.fd()).mov32(R3, CURRENT_CPU).movReg(R4, FP).addImm(R4, FRAME)
                .mov(R5, 8).call(BpfAssembler.PERF_EVENT_OUTPUT);
        a.label(DROP);
        a.mov(R0, 0).exit();
        return a.assemble();
    }

    private static int bytes(Size size) {
        switch (size) {
            case U8: return 1;
            case U16: return 2;
            case U32: return 4;
            default: return 8;
        }
    }
}
