package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;

/** Finds the thread state that holds the GIL, the way the layout says this version records it. */
public final class GilHolder {
    private final RemoteMemory memory;
    private final Layout.Gil gil;
    private final long symbolAddress;
    private final long runtime;

    /**
     * @param symbolAddress address of the current-thread global ({@code CURRENT_THREAD_SYMBOL})
     * @param runtime       address of {@code _PyRuntime} ({@code RUNTIME})
     */
    public GilHolder(RemoteMemory memory, Layout.Gil gil, long symbolAddress, long runtime) {
        this.memory = memory;
        this.gil = gil;
        this.symbolAddress = symbolAddress;
        this.runtime = runtime;
    }

    /** The holder's thread state in this interpreter, or 0 when the GIL is free. */
    public long holder(long interpreter) {
        switch (gil.kind()) {
            case CURRENT_THREAD_SYMBOL:
                return memory.readLong(symbolAddress);
            case RUNTIME:
                return lockedHolder(runtime);
            case INTERPRETER_POINTER:
                return lockedHolder(memory.readLong(interpreter + gil.pointer()));
            default:
                throw new IllegalStateException("unknown GIL kind " + gil.kind());
        }
    }

    /** {@code last_holder} is never cleared on release, so it counts only while {@code locked} is set. */
    private long lockedHolder(long base) {
        int from = Math.min(gil.locked(), gil.holder());
        var b = memory.bytesAt(base + from, Math.max(gil.locked(), gil.holder()) + 8 - from);
        return b.i32(gil.locked() - from) == 1 ? b.i64(gil.holder() - from) : 0;
    }
}
