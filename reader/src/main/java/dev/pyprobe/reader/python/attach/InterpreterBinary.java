package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.NotPythonException;
import dev.pyprobe.reader.elf.ElfSection;
import dev.pyprobe.reader.elf.ElfSymbol;
import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.TargetProcess;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ELF file that holds the interpreter of a process: {@code libpythonX.Y.so} when one is
 * mapped (shared builds), else the executable itself (static builds such as Debian's python3).
 */
public final class InterpreterBinary implements AutoCloseable {
    /** Symbols any CPython 2.7-3.x build defines; one is enough to call a binary CPython. */
    private static final List<String> CPYTHON_SYMBOLS = List.of("Py_Initialize", "_PyRuntime", "PyEval_EvalCode");

    private final LoadedElf elf;

    private InterpreterBinary(LoadedElf elf) {
        this.elf = elf;
    }

    public static InterpreterBinary find(TargetProcess process, MemoryMap maps) {
        Optional<Mapping> lib = maps.mappings().stream()
                .filter(m -> isLibpython(m.path()))
                .findFirst();
        LoadedElf elf = lib.isPresent() ? LoadedElf.open(process, maps, lib.get().path())
                : LoadedElf.openExecutable(process, maps);
        if (CPYTHON_SYMBOLS.stream().noneMatch(s -> elf.elf().findSymbol(s).isPresent())) {
            String path = elf.pathInTarget();
            elf.close();
            throw new NotPythonException(process.pid(),
                    "no libpython is mapped and " + path + " contains no CPython interpreter");
        }
        return new InterpreterBinary(elf);
    }

    private static boolean isLibpython(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("libpython") && name.contains(".so");
    }

    public LoadedElf elf() {
        return elf;
    }

    public String path() {
        return elf.pathInTarget();
    }

    public OptionalLong symbol(String name) {
        return elf.runtimeAddress(name);
    }

    /** Run-time addresses {@code [start, end)} of a symbol's bytes. */
    public record AddressRange(long start, long end) {
        public boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }
    }

    /** Where a function symbol's code lies at run time. */
    public Optional<AddressRange> symbolRange(String name) {
        return elf.elf().findSymbol(name).filter(ElfSymbol::defined)
                .map(sym -> new AddressRange(elf.runtimeAddress(sym), elf.runtimeAddress(sym) + sym.size()));
    }

    /** File offset of a symbol's first byte (what a uprobe is placed with). */
    public OptionalLong fileOffsetOf(String name) {
        return elf.elf().findSymbol(name).filter(ElfSymbol::defined)
                .map(sym -> elf.elf().fileOffsetOf(sym.value())).orElse(OptionalLong.empty());
    }

    public Optional<ElfSection> section(String name) {
        return elf.elf().section(name);
    }

    public long runtimeAddress(ElfSection section) {
        return elf.runtimeAddress(section);
    }

    @Override
    public void close() {
        elf.close();
    }
}
