package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.NotPythonException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.elf.CodeRange;
import dev.pyprobe.reader.elf.DebugFileSearch;
import dev.pyprobe.reader.elf.ElfFormatException;
import dev.pyprobe.reader.elf.ElfSection;
import dev.pyprobe.reader.elf.ElfSymbol;
import dev.pyprobe.reader.elf.FunctionCode;
import dev.pyprobe.reader.elf.LoadedElf;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.TargetProcess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ELF file that holds the interpreter of a process: {@code libpythonX.Y.so} when one is
 * mapped (shared builds), else the executable itself (static builds such as Debian's python3).
 */
public final class InterpreterBinary implements AutoCloseable {
    /** Symbols any CPython 2.7-3.x build defines; one is enough to call a binary CPython. */
    private static final List<String> CPYTHON_SYMBOLS = List.of("Py_Initialize", "_PyRuntime", "PyEval_EvalCode");

    private final LoadedElf elf;
    private final Map<String, FunctionCodeOutcome> functionCode = new ConcurrentHashMap<>();

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

    /** Run-time addresses {@code [start, end)} of a piece of code. */
    public record AddressRange(long start, long end) {
        public boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }
    }

    /** Where a function's machine code lies at run time: the pieces of {@link #functionCode(String)}. */
    public record CodeRanges(List<AddressRange> ranges) {
        public boolean contains(long address) {
            return ranges.stream().anyMatch(r -> r.contains(address));
        }
    }

    /**
     * Where the function's code lies at run time ({@link FunctionCode}): its symbol's range and
     * the fragments the compiler split off it, named in the full symbol table of the binary or of
     * its debug file, or else found through .eh_frame. Worked out once per function.
     *
     * @throws ReaderException saying why it cannot be told
     */
    public CodeRanges functionCode(String name) {
        FunctionCodeOutcome outcome = functionCode.computeIfAbsent(name, this::findFunctionCode);
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.code();
    }

    private record FunctionCodeOutcome(CodeRanges code, ReaderException refused) {
    }

    private FunctionCodeOutcome findFunctionCode(String name) {
        try {
            ElfSymbol function = elf.symbols().find(name).orElseThrow(() -> new ReaderException(path()
                    + " has no symbol " + name));
            Optional<List<ElfSymbol>> table = elf.symbols().fullTable();
            List<CodeRange> pieces = table.isPresent() ? FunctionCode.fromSymbols(function, table.get())
                    : fromEhFrame(function);
            return new FunctionCodeOutcome(new CodeRanges(pieces.stream()
                    .map(r -> new AddressRange(elf.runtimeAddress(r.start()), elf.runtimeAddress(r.end())))
                    .toList()), null);
        } catch (ReaderException e) {
            return new FunctionCodeOutcome(null, e);
        }
    }

    private List<CodeRange> fromEhFrame(ElfSymbol function) {
        try {
            return FunctionCode.fromEhFrame(elf.elf(), function);
        } catch (ElfFormatException e) {
            throw new ReaderException(strippedWithoutDebugFile() + ", and its .eh_frame does not tell where "
                    + function.name() + "'s code lies: " + e.getMessage(), e);
        }
    }

    /**
     * Empty where a full symbol table is at hand (the binary's .symtab, or its debug file's);
     * otherwise that the binary is stripped, where its debug file was looked for and why the
     * files found there were left.
     */
    public Optional<String> missingSymbols() {
        return elf.symbols().hasFullTable() ? Optional.empty() : Optional.of(strippedWithoutDebugFile());
    }

    private String strippedWithoutDebugFile() {
        StringBuilder out = new StringBuilder(path() + " is stripped (no .symtab) and no debug file of it was found");
        buildId().ifPresent(id -> out.append(" (looked for by build-id at ").append(DebugFileSearch.buildIdPath(id))
                .append(elf.elf().section(".gnu_debuglink").isPresent() ? " and by its .gnu_debuglink)" : ")"));
        elf.symbols().debugFileNotes().forEach(note -> out.append("; ").append(note));
        return out.toString();
    }

    private Optional<String> buildId() {
        try {
            return elf.elf().buildId();
        } catch (ReaderException e) {
            return Optional.empty(); // the search noted it
        }
    }

    /** File offset of a symbol's first byte (what a uprobe is placed with). */
    public OptionalLong fileOffsetOf(String name) {
        return elf.symbols().find(name).map(sym -> elf.elf().fileOffsetOf(sym.value())).orElse(OptionalLong.empty());
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
