package dev.pyprobe.reader.python.trace;

import java.util.Locale;

/** How the kernel observes a tracepoint. */
public enum Mechanism {
    /** CPython's own {@code function__entry} USDT probe (dtrace builds), filtered and counted by BPF. */
    USDT,
    /** A hardware watchpoint on the first instruction of the function or line (hosts that deliver them). */
    WATCHPOINT,
    /** A uprobe on the interpreter's own function-start code, filtered and counted by BPF. */
    UPROBE;

    /** The name users type and read: {@code usdt}, {@code watchpoint}, {@code uprobe}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mechanism a user named, or an error that lists the names. */
    public static Mechanism parse(String label) {
        for (Mechanism m : values()) {
            if (m.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown tracing mechanism '" + label + "': use usdt, watchpoint or uprobe");
    }
}
