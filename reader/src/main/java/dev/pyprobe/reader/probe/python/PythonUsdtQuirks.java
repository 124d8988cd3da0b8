package dev.pyprobe.reader.probe.python;

import java.util.Map;

/**
 * What a CPython version's USDT probes need beyond being attached, measured on real builds (see
 * docs/cpython-layouts.md section 8): on 3.11, function__entry only fires on the interpreter's
 * tracing dispatch path, which runs while the {@code line} semaphore is raised.
 */
public final class PythonUsdtQuirks {
    /** Minor versions of Python 3 whose function__entry needs the line semaphore raised. */
    private static final Map<Integer, Boolean> ENTRY_NEEDS_LINE_SEMAPHORE = Map.of(11, true);

    private PythonUsdtQuirks() {
    }

    public static boolean entryNeedsLineSemaphore(int major, int minor) {
        return major == 3 && ENTRY_NEEDS_LINE_SEMAPHORE.getOrDefault(minor, false);
    }
}
