package dev.pyprobe.reader.probe.bpf;

import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R1;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R8;
import static dev.pyprobe.reader.probe.bpf.BpfAssembler.R9;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.DROP;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.FIRST_OWN;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.MATCH;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.TARGET;
import static dev.pyprobe.reader.probe.bpf.FilterProgram.TARGET2;

import dev.pyprobe.reader.probe.bpf.BpfAssembler.Cond;
import dev.pyprobe.reader.probe.bpf.BpfAssembler.Size;
import dev.pyprobe.reader.probe.perf.UserRegister;

/**
 * Selects one function's hits of CPython's {@code function__entry} USDT probe, whose first two
 * arguments point to the UTF-8 bytes of the code object's file name and function name. Those
 * buffers belong to the code object's strings, so their addresses identify the function and
 * two integer comparisons select it (no string is read in the kernel):
 * <pre>
 *   a0 = p[ARG0_MEMORY] ? *(u64 *)(regs[p[ARG0_REGISTER]] + p[ARG0_DISPLACEMENT]) : regs[p[ARG0_REGISTER]];
 *   a1 = ... the same for argument 1 ...;
 *   if (a0 != p[TARGET] || a1 != p[TARGET2]) goto drop;
 *   goto match;
 * </pre>
 */
public final class UsdtArgumentFilter {
    static final int ARG0 = FIRST_OWN;
    static final int ARG1 = FIRST_OWN + 3;
    private static final int REGISTER = 0;
    private static final int MEMORY = 1;
    private static final int DISPLACEMENT = 2;

    /** Where a 64-bit probe argument is: a register, or memory at a register plus a displacement. */
    public record Argument(UserRegister register, boolean memory, long displacement) {
        void writeTo(long[] row, int at) {
            row[at + REGISTER] = register.ptRegsOffset();
            row[at + MEMORY] = memory ? 1 : 0;
            row[at + DISPLACEMENT] = displacement;
        }
    }

    private UsdtArgumentFilter() {
    }

    /** Hits whose file and name arguments are {@code fileBytes} and {@code nameBytes}. */
    public static TracepointFilter load(Argument file, Argument name, long fileBytes, long nameBytes, long flags,
            BpfOutput output) {
        return TracepointFilter.load("pyprobe_usdt_fn", UsdtArgumentFilter::program, row -> {
            row[TARGET] = fileBytes;
            row[TARGET2] = nameBytes;
            file.writeTo(row, ARG0);
            name.writeTo(row, ARG1);
        }, flags, output);
    }

    static byte[] program(BpfMap params, BpfMap counters, BpfOutput output) {
        BpfAssembler a = FilterProgram.begin(params, counters);
        argument(a, R8, ARG0, "arg0");
        FilterProgram.param(a, R1, TARGET);
        a.jumpReg(Cond.NE, R8, R1, DROP);
        argument(a, R8, ARG1, "arg1");
        FilterProgram.param(a, R1, TARGET2);
        a.jumpReg(Cond.EQ, R8, R1, MATCH).jump(DROP);
        return FilterProgram.end(a, counters, output);
    }

    private static void argument(BpfAssembler a, int dst, int at, String label) {
        FilterProgram.loadRegister(a, dst, at + REGISTER, label + "_register");
        FilterProgram.param(a, R1, at + MEMORY);
        a.jump(Cond.EQ, R1, 0, label + "_done");
        FilterProgram.param(a, R9, at + DISPLACEMENT);
        a.addReg(R9, dst);
        FilterProgram.readUser(a, dst, R9, Size.U64);
        a.label(label + "_done");
    }
}
