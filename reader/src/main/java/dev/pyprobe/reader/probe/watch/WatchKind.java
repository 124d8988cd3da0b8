package dev.pyprobe.reader.probe.watch;

import dev.pyprobe.reader.probe.perf.PerfEventAttr;

/** What access triggers a hardware watchpoint. */
public enum WatchKind {
    /** Reads and writes: how bytecode is watched, since the interpreter only reads it. */
    READ_WRITE(PerfEventAttr.HW_BREAKPOINT_RW),
    WRITE(PerfEventAttr.HW_BREAKPOINT_W),
    /** Executing the instruction at the address (length must be 8). */
    EXECUTE(PerfEventAttr.HW_BREAKPOINT_X);

    final int bpType;

    WatchKind(int bpType) {
        this.bpType = bpType;
    }
}
