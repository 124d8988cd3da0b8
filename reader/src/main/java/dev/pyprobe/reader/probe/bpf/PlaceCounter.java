package dev.pyprobe.reader.probe.bpf;

import static dev.pyprobe.reader.probe.bpf.BpfAssembler.FP;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R0;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R1;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R2;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R3;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R4;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R6;

import dev.pyprobe.reader.probe.bpf.BpfAssembler.Cond;
import dev.pyprobe.reader.probe.bpf.BpfAssembler.Size;
import dev.pyprobe.reader.probe.perf.UserRegister;

/**
 * Counts a hardware watchpoint's hits per place, in the kernel: the instruction pointer of the
 * code that touched the watched bytes is the key. pyprobe tells executions from other accesses by
 * their place (see CallFilter) from the hits it streams, and sums the kernel's counts of the
 * places it found to be executions: exact even when the ring dropped samples. With
 * {@code stop}, it also stops the process at every hit (pyprobe resumes it at once when the hit
 * is not an execution). In pseudo-C, for a perf event program whose context starts with the
 * hitting thread's registers:
 * <pre>
 *   u64 place = ctx-&gt;regs.ip;
 *   u64 *n = bpf_map_lookup_elem(&amp;counts, &amp;place);
 *   if (n) { lock *n += 1; }
 *   else if (bpf_map_update_elem(&amp;counts, &amp;place, &amp;one, BPF_NOEXIST)) {   // another CPU was first
 *       n = bpf_map_lookup_elem(&amp;counts, &amp;place); if (n) lock *n += 1;
 *   }
 *   if (p[STOP_SLOT]) bpf_send_signal_thread(SIGSTOP);
 *   return 1;                                   // the hit goes to the ring, for CallFilter
 * </pre>
 */
public final class PlaceCounter implements AutoCloseable {
    private static final int MAP_UPDATE_ELEM = 2;
    private static final int NOEXIST = 1;
    private static final int SIGSTOP = 19;
    private static final int STOP_SLOT = 0;
    /** Places that touch one instruction's bytes: a handful in practice. */
    private static final int PLACES = 4096;
    private static final int KEY = -8;
    private static final int ONE = -16;
    private static final int ZERO = -20;

    private final BpfHashMap counts;
    private final BpfMap params;
    private final BpfProgram program;

    private PlaceCounter(BpfHashMap counts, BpfMap params, BpfProgram program) {
        this.counts = counts;
        this.params = params;
        this.program = program;
    }

    public static PlaceCounter load(boolean stop) {
        BpfHashMap counts = BpfHashMap.counters(PLACES);
        BpfMap params = null;
        try {
            params = BpfMap.slots(1);
            params.setAll(new long[] {stop ? 1 : 0});
            BpfProgram program = BpfProgram.load(BpfProgram.TYPE_PERF_EVENT, "pyprobe_places", assemble(counts, params));
            return new PlaceCounter(counts, params, program);
        } catch (RuntimeException e) {
            counts.close();
            if (params != null) {
                params.close();
            }
            throw e;
        }
    }

    static byte[] assemble(BpfHashMap counts, BpfMap params) {
        BpfAssembler a = new BpfAssembler().movReg(R6, R1);
        a.load(Size.U64, R1, R6, UserRegister.IP.ptRegsOffset()).store(Size.U64, FP, KEY, R1);
        a.storeImm(Size.U64, FP, ONE, 1);
        lookup(a, counts);
        a.jump(Cond.EQ, R0, 0, "insert");
        a.mov(R1, 1).atomicAdd(R0, 0, R1).jump("counted");
        a.label("insert");
        a.loadMap(R1, counts.fd()).movReg(R2, FP).addImm(R2, KEY).movReg(R3, FP).addImm(R3, ONE).mov(R4, NOEXIST)
                .call(MAP_UPDATE_ELEM).jump(Cond.EQ, R0, 0, "counted");
        lookup(a, counts);
        a.jump(Cond.EQ, R0, 0, "counted");
        a.mov(R1, 1).atomicAdd(R0, 0, R1);
        a.label("counted");
        a.storeImm(Size.U32, FP, ZERO, 0);
        a.loadMap(R1, params).movReg(R2, FP).addImm(R2, ZERO).call(BpfAssembler.MAP_LOOKUP_ELEM)
                .jump(Cond.EQ, R0, 0, "done");
        a.load(Size.U64, R1, R0, 8 * STOP_SLOT).jump(Cond.EQ, R1, 0, "done");
        a.mov(R1, SIGSTOP).call(BpfAssembler.SEND_SIGNAL_THREAD);
        a.label("done");
        a.mov(R0, 1).exit();
        return a.assemble();
    }

    private static void lookup(BpfAssembler a, BpfHashMap counts) {
        a.loadMap(R1, counts.fd()).movReg(R2, FP).addImm(R2, KEY).call(BpfAssembler.MAP_LOOKUP_ELEM);
    }

    public BpfProgram program() {
        return program;
    }

    /** Hits from {@code place}, counted in the kernel. */
    public long hitsFrom(long place) {
        return counts.get(place);
    }

    @Override
    public void close() {
        program.close();
        params.close();
        counts.close();
    }
}
