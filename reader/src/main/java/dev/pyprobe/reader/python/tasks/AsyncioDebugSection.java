package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code _Py_AsyncioModuleDebugOffsets} that the C {@code _asyncio} extension carries in its
 * {@code .AsyncioDebug} section (3.14+): where its tasks keep their name, coroutine and list node,
 * and where thread and interpreter states head the lists of tasks. They are constants of the build,
 * so they are read from the module's file as the target maps it. A build that has {@code _asyncio}
 * built in (as Debian's newest do) carries the section in the interpreter binary itself.
 */
final class AsyncioDebugSection {
    private static final String SECTION = ".AsyncioDebug";
    /** The extension's file name: {@code _asyncio.cpython-314-x86_64-linux-gnu.so} and the like. */
    private static final String MODULE_PREFIX = "_asyncio.";

    private AsyncioDebugSection() {
    }

    /**
     * The section's bytes: from the {@code _asyncio} extension once loaded, else from the
     * interpreter binary when the module is built in; empty while neither carries it.
     */
    static Optional<RemoteBytes> of(TargetProcess process) {
        MemoryMap maps = process.maps();
        Optional<String> module = maps.mappings().stream().map(Mapping::path)
                .filter(path -> !path.isEmpty() && Path.of(path).getFileName().toString().startsWith(MODULE_PREFIX))
                .findFirst();
        if (module.isEmpty()) {
            try (InterpreterBinary binary = InterpreterBinary.find(process, maps)) {
                return binary.elf().elf().sectionBytes(SECTION).map(bytes -> new RemoteBytes(0, bytes));
            }
        }
        // Opened as the target maps it: through its root, or its map_files when that path is not the same file.
        try (LoadedElf elf = LoadedElf.open(process, maps, module.get())) {
            return elf.elf().sectionBytes(SECTION).map(bytes -> new RemoteBytes(0, bytes));
        }
    }
}
