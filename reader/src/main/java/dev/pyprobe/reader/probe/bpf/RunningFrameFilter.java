package dev.pyprobe.reader.probe.bpf;

import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R1;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R8;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R9;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.DROP;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.FIRST_OWN;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.MATCH;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.TARGET;

import dev.pyprobe.reader.probe.bpf.BpfAssembler.Cond;
import dev.pyprobe.reader.probe.bpf.BpfAssembler.Size;
import java.util.List;

/**
 * Selects the starts of one code object in an opcode handler that every function start runs (the
 * RESUME family, CPython 3.11+). The running frame is found from a global by a chain of pointers
 * (the GIL's holder, its thread state, its current frame), and a resumed generator or coroutine
 * is told from a start by RESUME's argument:
 * <pre>
 *   p = p[START];
 *   for (i = 0; i &lt; p[STEPS]; i++) p = *(u64 *)(p + p[STEP + i]);   // unrolled, at most MAX_STEPS
 *   frame = p;
 *   if ((*(u64 *)(frame + p[CODE_OFFSET]) &amp; p[CODE_MASK]) != p[TARGET]) goto drop;
 *   ip = *(u64 *)(frame + p[INSTR_OFFSET]) + p[INSTR_BIAS];
 *   unit = *(u16 *)ip;
 *   if (!resume(unit)) unit = *(u16 *)(ip + 2);                  // fell through from MAKE_CELL and the like
 *   if (resume(unit) &amp;&amp; (unit &gt;&gt; 8) &amp; 3) goto drop;            // after yield, yield from or await
 *   goto match;
 * </pre>
 * where {@code resume(unit)} compares the opcode byte with {@code p[OPCODE + 0..2]}.
 */
public final class RunningFrameFilter {
    public static final int MAX_STEPS = 8;
    public static final int MAX_OPCODES = 3;
    static final int START = FIRST_OWN;
    static final int STEPS = FIRST_OWN + 1;
    static final int STEP = FIRST_OWN + 2;
    static final int CODE_OFFSET = STEP + MAX_STEPS;
    static final int CODE_MASK = CODE_OFFSET + 1;
    static final int INSTR_OFFSET = CODE_MASK + 1;
    static final int INSTR_BIAS = INSTR_OFFSET + 1;
    static final int OPCODE = INSTR_BIAS + 1;
    /** Never an opcode byte: fills unused opcode slots. */
    private static final int NO_OPCODE = 0x100;

    /**
     * @param start     an address in the target
     * @param steps     offsets: each step adds one and reads the pointer there
     * @param codeMask  bits of the code pointer that are the pointer (3.14 tags the low bits)
     * @param opcodes   the RESUME family's opcode numbers
     */
    public record Params(long start, List<Integer> steps, int codeOffset, long codeMask, int instrOffset,
                         int instrBias, List<Integer> opcodes) {
        public Params {
            if (steps.size() > MAX_STEPS || opcodes.isEmpty() || opcodes.size() > MAX_OPCODES) {
                throw new IllegalArgumentException("at most " + MAX_STEPS + " steps and 1-" + MAX_OPCODES + " opcodes");
            }
        }

        void writeTo(long[] row) {
            row[START] = start;
            row[STEPS] = steps.size();
            for (int i = 0; i < steps.size(); i++) {
                row[STEP + i] = steps.get(i);
            }
            row[CODE_OFFSET] = codeOffset;
            row[CODE_MASK] = codeMask;
            row[INSTR_OFFSET] = instrOffset;
            row[INSTR_BIAS] = instrBias;
            for (int i = 0; i < MAX_OPCODES; i++) {
                row[OPCODE + i] = i < opcodes.size() ? opcodes.get(i) : NO_OPCODE;
            }
        }
    }

    private RunningFrameFilter() {
    }

    public static TracepointFilter load(Params params, long code, long flags, BpfOutput output) {
        return TracepointFilter.load("pyprobe_running", RunningFrameFilter::program, row -> {
            row[TARGET] = code;
            params.writeTo(row);
        }, flags, output);
    }

    static byte[] program(BpfMap params, BpfMap counters, BpfOutput output) {
        BpfAssembler a = FilterProgram.begin(params, counters);
        FilterProgram.param(a, R8, START);
        for (int i = 0; i < MAX_STEPS; i++) {
            FilterProgram.param(a, R1, STEPS);
            a.jump(Cond.LE, R1, i, "frame");
            FilterProgram.param(a, R9, STEP + i);
            a.addReg(R9, R8);
            FilterProgram.readUser(a, R8, R9, Size.U64);
        }
        a.label("frame");
        a.store(Size.U64, BpfAssembler.FP, FilterProgram.FRAME, R8);
        FilterProgram.param(a, R9, CODE_OFFSET);
        a.addReg(R9, R8);
        FilterProgram.readUser(a, R9, R9, Size.U64);
        FilterProgram.param(a, R1, CODE_MASK);
        a.andReg(R9, R1);
        FilterProgram.param(a, R1, TARGET);
        a.jumpReg(Cond.NE, R9, R1, DROP);
        // r8 = the instruction pointer, r9 = the code unit there
        FilterProgram.param(a, R9, INSTR_OFFSET);
        a.addReg(R9, R8);
        FilterProgram.readUser(a, R8, R9, Size.U64);
        FilterProgram.param(a, R1, INSTR_BIAS);
        a.addReg(R8, R1);
        FilterProgram.readUser(a, R9, R8, Size.U16);
        resumeTest(a, "first_unit", "next_unit");
        a.label("next_unit");
        a.addImm(R8, 2);
        FilterProgram.readUser(a, R9, R8, Size.U16);
        resumeTest(a, "second_unit", MATCH);
        return FilterProgram.end(a, counters, output);
    }

    /** Goes to {@code notResume} unless r9's opcode is one of the RESUME family; drops a resumption. */
    private static void resumeTest(BpfAssembler a, String label, String notResume) {
        a.movReg(R1, R9).and(R1, 0xff);
        for (int i = 0; i < MAX_OPCODES; i++) {
            a.load(Size.U64, BpfAssembler.R2, BpfAssembler.R7, 8 * (OPCODE + i));
            a.jumpReg(Cond.EQ, R1, BpfAssembler.R2, label);
        }
        a.jump(notResume);
        a.label(label);
        a.movReg(R1, R9).rsh(R1, 8).and(R1, 3).jump(Cond.NE, R1, 0, DROP);
        a.jump(MATCH);
    }
}
