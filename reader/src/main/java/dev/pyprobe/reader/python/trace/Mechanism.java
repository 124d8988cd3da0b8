package dev.pyprobe.reader.python.trace;

/** How the kernel observes a tracepoint. */
public enum Mechanism {
    /** CPython's own {@code function__entry} USDT probe (dtrace builds up to 3.11). */
    USDT,
    /** A hardware watchpoint on the first instruction of the function or line (any version). */
    WATCHPOINT
}
