package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.layout.LayoutTable;

/** The layout of an attached target: the table's, corrected by the target's own numbers where it publishes them. */
public final class TargetLayout {
    /** {@code _Py_DebugOffsets} opens {@code _PyRuntime}; this covers every position the table maps. */
    private static final int DEBUG_OFFSETS_BYTES = 1024;

    private TargetLayout() {
    }

    /** The table's layout for {@code version}, with the fields its {@code _Py_DebugOffsets} cover (3.13+) replaced. */
    public static Layout of(PythonVersion version, InterpreterBinary binary, RemoteMemory memory) {
        LayoutTable table = LayoutTable.builtIn();
        Layout fromTable = table.forVersion(version);
        if (table.debugOffsetPositions(version).isEmpty()) {
            return fromTable;
        }
        long runtime = binary.symbol("_PyRuntime").orElseThrow();
        return table.forVersion(version, memory.bytesAt(runtime, DEBUG_OFFSETS_BYTES));
    }
}
