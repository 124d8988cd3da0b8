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
import dev.pyprobe.reader.probe.perf.UserRegister;

/**
 * Selects the starts of one code object at the entry of a function that gets the frame as an
 * argument (the eval function up to CPython 3.10):
 * <pre>
 *   frame = regs[p[FRAME_REGISTER]];
 *   if ((int) regs[p[THROWFLAG_REGISTER]] != 0) goto drop;       // a generator closed or thrown into
 *   if (*(int *)(frame + p[LASTI_OFFSET]) != -1) goto drop;     // resumed, not started
 *   if (*(u64 *)(frame + p[CODE_OFFSET]) != p[TARGET]) goto drop;
 *   goto match;
 * </pre>
 */
public final class FrameArgumentFilter {
    static final int FRAME_REGISTER = FIRST_OWN;
    static final int THROWFLAG_REGISTER = FIRST_OWN + 1;
    static final int CODE_OFFSET = FIRST_OWN + 2;
    static final int LASTI_OFFSET = FIRST_OWN + 3;

    /** Where the frame and its fields are, for the parameter row. */
    public record Params(UserRegister frameRegister, UserRegister throwflagRegister, int codeOffset, int lastiOffset) {
        void writeTo(long[] row) {
            row[FRAME_REGISTER] = frameRegister.ptRegsOffset();
            row[THROWFLAG_REGISTER] = throwflagRegister.ptRegsOffset();
            row[CODE_OFFSET] = codeOffset;
            row[LASTI_OFFSET] = lastiOffset;
        }
    }

    private FrameArgumentFilter() {
    }

    public static TracepointFilter load(Params params, long code, long flags, BpfOutput output) {
        return TracepointFilter.load("pyprobe_frame_arg", FrameArgumentFilter::program, row -> {
            row[TARGET] = code;
            params.writeTo(row);
        }, flags, output);
    }

    static byte[] program(BpfMap params, BpfMap counters, BpfOutput output) {
        BpfAssembler a = FilterProgram.begin(params, counters);
        FilterProgram.loadRegister(a, R9, THROWFLAG_REGISTER, "throwflag");
        a.jump32(Cond.NE, R9, 0, DROP);
        FilterProgram.loadRegister(a, R8, FRAME_REGISTER, "frame");
        a.store(Size.U64, BpfAssembler.FP, FilterProgram.FRAME, R8);
        FilterProgram.param(a, R9, LASTI_OFFSET);
        a.addReg(R9, R8);
        FilterProgram.readUser(a, R9, R9, Size.U32);
        a.jump32(Cond.NE, R9, -1, DROP);
        FilterProgram.param(a, R9, CODE_OFFSET);
        a.addReg(R9, R8);
        FilterProgram.readUser(a, R9, R9, Size.U64);
        FilterProgram.param(a, R1, TARGET);
        a.jumpReg(Cond.EQ, R9, R1, MATCH).jump(DROP);
        return FilterProgram.end(a, counters, output);
    }
}
