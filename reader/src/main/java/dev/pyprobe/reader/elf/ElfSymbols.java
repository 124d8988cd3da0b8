package dev.pyprobe.reader.elf;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A binary's symbols: its own tables and, where it has no full table (a stripped file keeps
 * only {@code .dynsym}), its separate debug file's {@code .symtab}. Only that table is taken from
 * the debug file: code bytes, sections and the load bias stay the binary's. The debug file is
 * looked for once, the first time it is needed: a symbol the binary lacks, or the full table.
 */
public final class ElfSymbols implements AutoCloseable {
    private final ElfFile binary;
    private final Supplier<DebugFileSearch.Result> search;
    private DebugFileSearch.Result debug;
    private boolean closed;

    /** @param search finds the binary's debug file; called at most once */
    public ElfSymbols(ElfFile binary, Supplier<DebugFileSearch.Result> search) {
        this.binary = binary;
        this.search = search;
    }

    /** The defined symbol {@code name}: the binary's ({@link ElfFile#findSymbol(String)}), else its debug file's. */
    public Optional<ElfSymbol> find(String name) {
        return binary.findSymbol(name).or(() -> debugFile().flatMap(d -> d.findSymbol(name, SymbolTableKind.STATIC)));
    }

    /** Every entry of the full symbol table (.symtab) of the binary or of its debug file; empty when neither has one. */
    public Optional<List<ElfSymbol>> fullTable() {
        if (binary.hasSymbolTable(SymbolTableKind.STATIC)) {
            return Optional.of(binary.symbols(SymbolTableKind.STATIC));
        }
        return debugFile().map(d -> d.symbols(SymbolTableKind.STATIC));
    }

    /** Whether {@link #fullTable()} has one, without reading it. */
    public boolean hasFullTable() {
        return binary.hasSymbolTable(SymbolTableKind.STATIC) || debugFile().isPresent();
    }

    /** Why debug files that were found were not used (another build, not an ELF file): empty when none was. */
    public List<String> debugFileNotes() {
        return debugSearch().notes();
    }

    private Optional<ElfFile> debugFile() {
        return debugSearch().file();
    }

    private synchronized DebugFileSearch.Result debugSearch() {
        if (debug == null) {
            debug = closed || binary.hasSymbolTable(SymbolTableKind.STATIC)
                    ? new DebugFileSearch.Result(Optional.empty(), List.of()) : search.get();
        }
        return debug;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (debug != null) {
            debug.file().ifPresent(ElfFile::close);
        }
    }
}
