package dev.pyprobe.reader.probe.bpf;

import java.util.function.Consumer;

/**
 * One loaded filter program with its parameter row and its counters: what a tracepoint attaches
 * to every uprobe event that may see its function (see {@link FilterProgram} for the shape).
 * Parameters are written before the program can run and never change; the counters are the
 * kernel's exact figures, whatever the call rate, with no ring traffic.
 */
public final class TracepointFilter implements AutoCloseable {
    private final BpfMap params;
    private final BpfMap counters;
    private final BpfProgram program;

    /** Writes a filter program against its maps. */
    interface Assembler {
        byte[] assemble(BpfMap params, BpfMap counters, BpfOutput output);
    }

    private TracepointFilter(BpfMap params, BpfMap counters, BpfProgram program) {
        this.params = params;
        this.counters = counters;
        this.program = program;
    }

    /**
     * @param assembler writes the program against its two maps
     * @param writer    fills the parameter row (TARGET and the program's own slots)
     * @param flags     {@link FilterProgram#STREAM} and {@link FilterProgram#STOP}
     * @param output    where streamed hits go
     */
    static TracepointFilter load(String name, Assembler assembler, Consumer<long[]> writer, long flags,
            BpfOutput output) {
        BpfMap params = BpfMap.slots(FilterProgram.PARAM_SLOTS);
        BpfMap counters = null;
        try {
            counters = BpfMap.slots(FilterProgram.COUNTER_SLOTS);
            long[] row = new long[FilterProgram.PARAM_SLOTS];
            writer.accept(row);
            row[FilterProgram.FLAGS] = flags;
            params.setAll(row);
            BpfProgram program = BpfProgram.load(BpfProgram.TYPE_KPROBE, name, assembler.assemble(params, counters, output));
            return new TracepointFilter(params, counters, program);
        } catch (RuntimeException e) {
            params.close();
            if (counters != null) {
                counters.close();
            }
            throw e;
        }
    }

    public BpfProgram program() {
        return program;
    }

    /** Hits of the traced function, counted in the kernel. */
    public long hits() {
        return counters.get(FilterProgram.HITS);
    }

    /** Every time the program ran: hits of any function at the probed places. */
    public long traps() {
        return counters.get(FilterProgram.TRAPS);
    }

    @Override
    public void close() {
        program.close();
        params.close();
        counters.close();
    }
}
