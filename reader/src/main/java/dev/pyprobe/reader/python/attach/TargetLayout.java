package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.layout.LayoutTable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of an attached target: the table's, corrected by the target's own numbers where it
 * publishes them. A version newer than the table (3.13+ builds publish {@code _Py_DebugOffsets})
 * is read through its debug offsets at the closest older entry's positions, with that entry for
 * the rest, when those positions fit its struct; {@link #warning()} then says so, once per attach.
 *
 * @param warning what the user should be told about reading this target, shown once per attach
 */
public record TargetLayout(Layout layout, Optional<String> warning) {
    /** {@code _Py_DebugOffsets} opens {@code _PyRuntime}; this covers every position the table maps. */
    private static final int DEBUG_OFFSETS_BYTES = 1024;

    public static TargetLayout of(PythonVersion version, InterpreterBinary binary, RemoteMemory memory) {
        return of(LayoutTable.builtIn(), version, binary, memory);
    }

    public static TargetLayout of(LayoutTable table, PythonVersion version, InterpreterBinary binary,
                                  RemoteMemory memory) {
        if (table.has(version)) {
            Optional<RemoteBytes> offsets = table.debugOffsetPositions(version).isEmpty() ? Optional.empty()
                    : debugOffsets(binary, memory);
            return new TargetLayout(offsets.map(b -> table.forVersion(version, b))
                    .orElseGet(() -> table.forVersion(version)), Optional.empty());
        }
        return untested(table, version, binary, memory);
    }

    private static TargetLayout untested(LayoutTable table, PythonVersion version, InterpreterBinary binary,
                                         RemoteMemory memory) {
        Optional<PythonVersion> older = table.closestOlderWithDebugOffsets(version);
        Optional<RemoteBytes> offsets = debugOffsets(binary, memory);
        if (older.isEmpty() || offsets.isEmpty()) {
            throw new UnsupportedVersionException(version.toString(), table.supported());
        }
        // Opcode numbers change with every version: the older entry's uprobe places would be wrong.
        Layout layout = table.forVersion(older.get(), offsets.get()).withoutUprobe();
        Map<String, Long> positions = table.debugOffsetPositions(older.get());
        long runtime = binary.symbol("_PyRuntime").orElseThrow();
        DebugOffsetsFit.misfit(positions, offsets.get(), layout, runtime, memory).ifPresent(why -> {
            throw new UnsupportedVersionException(version.toString(), table.supported(), "its _Py_DebugOffsets "
                    + "are laid out differently from " + older.get().series() + "'s, the closest older version pyprobe "
                    + "knows: " + why);
        });
        return new TargetLayout(layout, Optional.of("untested Python version " + version.series()
                + ", read through its debug offsets"));
    }

    /** The target's {@code _Py_DebugOffsets}, when {@code _PyRuntime} opens with its cookie. */
    private static Optional<RemoteBytes> debugOffsets(InterpreterBinary binary, RemoteMemory memory) {
        return binary.symbol("_PyRuntime").stream().boxed().findFirst()
                .map(runtime -> memory.bytesAt(runtime, DEBUG_OFFSETS_BYTES))
                .filter(b -> VersionDetector.DEBUG_COOKIE.equals(new String(b.slice(0, 8), StandardCharsets.US_ASCII)));
    }
}
