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
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R8;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R9;

import dev.pyprobe.reader.probe.bpf.BpfAssembler.Cond;
import dev.pyprobe.reader.probe.bpf.BpfAssembler.Size;
import java.util.List;

/**
 * Copies a thread's chain of linked records (a Python thread's frames) while the thread is
 * interrupted on its own CPU, so the copy is one moment's chain: the program runs at each tick of
 * a timer on the thread's CPU time ({@link dev.pyprobe.reader.probe.perf.PerfEvent#cpuClock}), and
 * nothing else writes those records while their thread is stopped. In pseudo-C:
 * <pre>
 *   u64 *p = params[0];
 *   if (bpf_get_ns_current_pid_tgid(p[NAMESPACE_DEV], p[NAMESPACE_INO], &amp;ids, 8)) return 0;
 *   u64 *base = threads[ids.pid];  if (!base) return 0;
 *   struct copy *c = scratch[bpf_get_smp_processor_id()];
 *   c-&gt;base = a = *base;  c-&gt;time = bpf_ktime_get_ns();  c-&gt;count = 0;
 *   for (h = 0; h &lt; p[HOPS]; h++) {                  // unrolled, at most MAX_HOPS
 *       a = c-&gt;hop[h] = *(u64 *)(a + p[HOP + h]);  if (!a) { c-&gt;status = NO_CHAIN; goto out; }
 *   }
 *   a = c-&gt;first = *(u64 *)(a + p[SLOT]);
 *   for (i = 0; i &lt; MAX_RECORDS; i++) {              // unrolled
 *       if (!a) { c-&gt;status = COMPLETE; goto out; }
 *       c-&gt;record[i].address = a;
 *       bpf_probe_read_user(c-&gt;record[i].bytes, p[SIZE], a);   // UNREADABLE on failure
 *       a = *(u64 *)(c-&gt;record[i].bytes + p[LINK]);  c-&gt;count = i + 1;
 *   }
 *   c-&gt;status = DEEPER;
 * out:
 *   bpf_perf_event_output(ctx, &amp;output, BPF_F_CURRENT_CPU, c, RECORDS + c-&gt;count * STRIDE);
 *   return 0;                                         // the timer's own event records nothing
 * </pre>
 * {@code threads} maps each watched thread (its id in the target's PID namespace, which the
 * parameters name: what the target itself calls it, wherever pyprobe runs) to the address the
 * walk starts from; a pointer read that fails ends the copy as UNREADABLE rather
 * than guessing. Offsets and sizes are parameters, so one program serves every layout.
 *
 * <p>Registers: r6 the record being copied, r7 the parameter row, r8 the address being followed,
 * r9 the copy; the context waits on the stack.
 */
public final class ChainCopyProgram {
    public static final int MAX_HOPS = 4;
    public static final int MAX_RECORDS = 256;
    /** Largest record copied (a frame object of 2.7 needs 124 bytes). */
    public static final int MAX_RECORD_BYTES = 128;

    /** What a copy holds, at these byte offsets. */
    public static final int BASE = 0;
    public static final int TIME = 8;
    public static final int COUNT = 16;
    public static final int STATUS = 24;
    public static final int FIRST = 32;
    public static final int HOP_VALUES = 40;
    public static final int RECORDS = HOP_VALUES + 8 * MAX_HOPS;
    /** Each record: its address, then its bytes. */
    public static final int STRIDE = 8 + MAX_RECORD_BYTES;
    public static final int MAX_COPY_BYTES = RECORDS + MAX_RECORDS * STRIDE;

    /** STATUS values. */
    public static final int COMPLETE = 0;
    public static final int DEEPER = 1;
    public static final int UNREADABLE = 2;
    public static final int NO_CHAIN = 3;

    /** Parameter slots. */
    static final int HOPS = 0;
    static final int HOP = 1;
    static final int SLOT = HOP + MAX_HOPS;
    static final int SIZE = SLOT + 1;
    static final int LINK = SIZE + 1;
    static final int NAMESPACE_DEV = LINK + 1;
    static final int NAMESPACE_INO = NAMESPACE_DEV + 1;
    static final int PARAM_SLOTS = NAMESPACE_INO + 1;

    private static final int CURRENT_CPU = 0xffffffff;
    /** Stack slots below the frame pointer: the array key 0, this CPU, the thread key and the context. */
    private static final int ZERO_KEY = -4;
    private static final int CPU_KEY = -8;
    private static final int THREAD_KEY = -16;
    private static final int CONTEXT = -24;
    /** struct bpf_pidns_info: the thread's id, then its process's, in the given namespace. */
    private static final int NAMESPACE_IDS = -32;
    private static final String OUT = "out";
    private static final String EXIT = "exit";

    /**
     * Where the chain is and what its records look like.
     *
     * @param hops       offsets: from the base, each adds one and reads the pointer there
     * @param slot       offset, from the last pointer read, of the pointer to the first record
     * @param recordSize bytes copied of each record
     * @param link       offset in a record of the pointer to the next one (0 ends the chain)
     */
    public record Params(List<Integer> hops, int slot, int recordSize, int link) {
        public Params {
            hops = List.copyOf(hops);
            if (hops.size() > MAX_HOPS) {
                throw new IllegalArgumentException("at most " + MAX_HOPS + " hops to the chain, not " + hops.size());
            }
            if (recordSize < 8 || recordSize > MAX_RECORD_BYTES || link < 0 || link > recordSize - 8) {
                throw new IllegalArgumentException("records of 8-" + MAX_RECORD_BYTES + " bytes with the link inside,"
                        + " not " + recordSize + " bytes linked at " + link);
            }
        }

        long[] row(long namespaceDev, long namespaceIno) {
            long[] row = new long[PARAM_SLOTS];
            row[NAMESPACE_DEV] = namespaceDev;
            row[NAMESPACE_INO] = namespaceIno;
            row[HOPS] = hops.size();
            for (int h = 0; h < hops.size(); h++) {
                row[HOP + h] = hops.get(h);
            }
            row[SLOT] = slot;
            row[SIZE] = recordSize;
            row[LINK] = link;
            return row;
        }
    }

    private ChainCopyProgram() {
    }

    static byte[] assemble(BpfMap params, BpfHashMap threads, BpfScratch scratch, BpfOutput output) {
        BpfAssembler a = new BpfAssembler().store(Size.U64, FP, CONTEXT, R1);
        a.storeImm(Size.U32, FP, ZERO_KEY, 0);
        lookup(a, params.fd(), ZERO_KEY);
        a.movReg(R7, R0);
        a.call(BpfAssembler.GET_SMP_PROCESSOR_ID);
        a.store(Size.U32, FP, CPU_KEY, R0);
        lookup(a, scratch.fd(), CPU_KEY);
        a.movReg(R9, R0);
        param(a, R1, NAMESPACE_DEV);
        param(a, R2, NAMESPACE_INO);
        a.movReg(R3, FP).addImm(R3, NAMESPACE_IDS).mov(R4, 8).call(BpfAssembler.GET_NS_CURRENT_PID_TGID)
                .jump(Cond.NE, R0, 0, EXIT); // a thread of another namespace: not the target's
        a.storeImm(Size.U64, FP, THREAD_KEY, 0);
        a.load(Size.U32, R1, FP, NAMESPACE_IDS);
        a.store(Size.U32, FP, THREAD_KEY, R1);
        lookup(a, threads.fd(), THREAD_KEY);
        a.load(Size.U64, R8, R0, 0);
        a.store(Size.U64, R9, BASE, R8);
        a.call(BpfAssembler.KTIME_GET_NS);
        a.store(Size.U64, R9, TIME, R0);
        a.storeImm(Size.U64, R9, COUNT, 0);
        a.storeImm(Size.U64, R9, FIRST, 0);
        for (int h = 0; h < MAX_HOPS; h++) {
            param(a, R1, HOPS);
            a.jump(Cond.LE, R1, h, "slot");
            param(a, R1, HOP + h);
            a.addReg(R8, R1);
            follow(a, HOP_VALUES + 8 * h);
            a.jump(Cond.EQ, R8, 0, "no_chain");
        }
        a.label("slot");
        param(a, R1, SLOT);
        a.addReg(R8, R1);
        follow(a, FIRST);
        // Instruction offsets are 16-bit: r6 walks the records instead (the context waits on the stack).
        a.movReg(R6, R9).addImm(R6, RECORDS);
        for (int i = 0; i < MAX_RECORDS; i++) {
            a.jump(Cond.EQ, R8, 0, "complete");
            a.store(Size.U64, R6, 0, R8);
            a.movReg(R1, R6).addImm(R1, 8);
            param(a, R2, SIZE);
            a.jump(Cond.GT, R2, MAX_RECORD_BYTES, EXIT);
            a.movReg(R3, R8).call(BpfAssembler.PROBE_READ_USER).jump(Cond.NE, R0, 0, "unreadable");
            param(a, R1, LINK);
            a.jump(Cond.GT, R1, MAX_RECORD_BYTES - 8, EXIT);
            a.addReg(R1, R6).load(Size.U64, R8, R1, 8);
            a.storeImm(Size.U64, R9, COUNT, i + 1);
            a.addImm(R6, STRIDE);
        }
        status(a, null, DEEPER);
        status(a, "complete", COMPLETE);
        status(a, "no_chain", NO_CHAIN);
        status(a, "unreadable", UNREADABLE);
        a.label(OUT);
        a.load(Size.U64, R5, R9, COUNT).jump(Cond.GT, R5, MAX_RECORDS, EXIT);
        a.mul(R5, STRIDE).addImm(R5, RECORDS);
        a.load(Size.U64, R1, FP, CONTEXT).loadMap(R2, output.fd()).mov32(R3, CURRENT_CPU).movReg(R4, R9)
                .call(BpfAssembler.PERF_EVENT_OUTPUT);
        a.label(EXIT);
        a.mov(R0, 0).exit();
        return a.assemble();
    }

    /** {@code r0 = map[key on the stack]}, or exit when there is none. */
    private static void lookup(BpfAssembler a, int mapFd, int key) {
        a.loadMap(R1, mapFd).movReg(R2, FP).addImm(R2, key).call(BpfAssembler.MAP_LOOKUP_ELEM)
                .jump(Cond.EQ, R0, 0, EXIT);
    }

    private static void param(BpfAssembler a, int dst, int slot) {
        a.load(Size.U64, dst, R7, 8 * slot);
    }

    /** {@code r8 = c->field = *(u64 *)r8}, or end the copy as UNREADABLE. */
    private static void follow(BpfAssembler a, int field) {
        a.movReg(R1, R9).addImm(R1, field).mov(R2, 8).movReg(R3, R8).call(BpfAssembler.PROBE_READ_USER)
                .jump(Cond.NE, R0, 0, "unreadable");
        a.load(Size.U64, R8, R9, field);
    }

    /** Labels (when not null) a block that sets the status and goes out. */
    private static void status(BpfAssembler a, String label, int status) {
        if (label != null) {
            a.label(label);
        }
        a.storeImm(Size.U64, R9, STATUS, status).jump(OUT);
    }
}
