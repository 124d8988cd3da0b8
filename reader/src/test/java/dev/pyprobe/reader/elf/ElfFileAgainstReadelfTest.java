package dev.pyprobe.reader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.elf.InstalledPythons.Binary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything ElfFile reads from the installed CPython binaries, compared with GNU readelf. */
class ElfFileAgainstReadelfTest {
    private static final Map<Integer, String> SEGMENT_TYPES = Map.ofEntries(Map.entry(0, "NULL"),
            Map.entry(1, "LOAD"), Map.entry(2, "DYNAMIC"), Map.entry(3, "INTERP"), Map.entry(4, "NOTE"),
            Map.entry(6, "PHDR"), Map.entry(7, "TLS"), Map.entry(0x6474e550, "GNU_EH_FRAME"),
            Map.entry(0x6474e551, "GNU_STACK"), Map.entry(0x6474e552, "GNU_RELRO"),
            Map.entry(0x6474e553, "GNU_PROPERTY"));
    private static final Map<Integer, String> SECTION_TYPES = Map.ofEntries(Map.entry(0, "NULL"),
            Map.entry(1, "PROGBITS"), Map.entry(2, "SYMTAB"), Map.entry(3, "STRTAB"), Map.entry(4, "RELA"),
            Map.entry(5, "HASH"), Map.entry(6, "DYNAMIC"), Map.entry(7, "NOTE"), Map.entry(8, "NOBITS"),
            Map.entry(9, "REL"), Map.entry(11, "DYNSYM"), Map.entry(14, "INIT_ARRAY"), Map.entry(15, "FINI_ARRAY"),
            Map.entry(0x6ffffff6, "GNU_HASH"), Map.entry(0x6ffffffd, "VERDEF"), Map.entry(0x6ffffffe, "VERNEED"),
            Map.entry(0x6fffffff, "VERSYM"));

    static List<Path> files() {
        return InstalledPythons.allElfFiles();
    }

    static List<Binary> runtimes() {
        return InstalledPythons.runtimes();
    }

    @ParameterizedTest
    @MethodSource("files")
    void typeAndProgramHeadersMatchReadelf(Path file) {
        try (ElfFile elf = ElfFile.open(file)) {
            assertThat(elf.type().name()).isEqualTo(Readelf.fileType(file));
            List<Readelf.Segment> mine = elf.programHeaders().stream()
                    .map(p -> new Readelf.Segment(SEGMENT_TYPES.getOrDefault(p.type(), "0x" + Integer.toHexString(p.type())),
                            p.offset(), p.vaddr(), p.fileSize(), p.memorySize(), flags(p)))
                    .toList();
            assertThat(mine).isNotEmpty().isEqualTo(Readelf.segments(file));
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void sectionsMatchReadelf(Path file) {
        try (ElfFile elf = ElfFile.open(file)) {
            List<Readelf.Section> mine = elf.sections().stream()
                    .map(s -> new Readelf.Section(s.index(), s.name(),
                            SECTION_TYPES.getOrDefault(s.type(), "0x" + Integer.toHexString(s.type())), s.address(),
                            s.offset(), s.size()))
                    .toList();
            assertThat(mine).isNotEmpty().isEqualTo(Readelf.sections(file));
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void everySymbolMatchesReadelf(Path file) {
        Map<String, List<Readelf.Symbol>> expected = Readelf.symbols(file);
        try (ElfFile elf = ElfFile.open(file)) {
            assertThat(expected).containsKey(".dynsym");
            assertThat(elf.hasSymbolTable(SymbolTableKind.STATIC)).isEqualTo(expected.containsKey(".symtab"));
            for (SymbolTableKind kind : SymbolTableKind.values()) {
                List<Readelf.Symbol> theirs = expected.getOrDefault(tableName(kind), List.of());
                List<ElfSymbol> mine = elf.symbols(kind);
                assertThat(mine).hasSameSizeAs(theirs);
                for (int i = 0; i < mine.size(); i++) {
                    ElfSymbol s = mine.get(i);
                    Readelf.Symbol r = theirs.get(i);
                    assertThat(new Readelf.Symbol(i, r.name(), s.value(), s.size(), readelfType(s), readelfBind(s),
                            readelfNdx(s))).as("%s %s entry %d", file, tableName(kind), i).isEqualTo(r);
                    assertThat(versionedName(r.name(), kind)).as("%s %s entry %d", file, tableName(kind), i)
                            .isEqualTo(s.name());
                }
            }
        }
    }

    /** The GNU hash path must find exactly what a linear scan finds, for every defined name. */
    @ParameterizedTest
    @MethodSource("runtimes")
    void dynamicLookupByHashAgreesWithLinearScan(Binary binary) {
        try (ElfFile elf = ElfFile.open(binary.path())) {
            SymbolTable table = elf.symbolTable(SymbolTableKind.DYNAMIC).orElseThrow();
            assertThat(table.hashed()).as("has .gnu.hash").isTrue();
            List<ElfSymbol> defined = elf.symbols(SymbolTableKind.DYNAMIC).stream()
                    .filter(s -> s.defined() && !s.name().isEmpty())
                    .toList();
            assertThat(defined).hasSizeGreaterThan(10);
            for (ElfSymbol s : defined) {
                int linear = table.scan(s.name().getBytes(StandardCharsets.UTF_8));
                assertThat(elf.findSymbol(s.name(), SymbolTableKind.DYNAMIC)).as(s.name())
                        .contains(table.symbol(linear));
            }
            assertThat(elf.findSymbol("pyprobe_no_such_symbol")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void notesAndBuildIdMatchReadelf(Path file) {
        List<Readelf.Note> expected = Readelf.notes(file);
        try (ElfFile elf = ElfFile.open(file)) {
            assertThat(elf.notes()).extracting(n -> n.name() + "/" + n.desc().length)
                    .isEqualTo(expected.stream().map(n -> n.owner() + "/" + n.dataSize()).toList());
            String readelfBuildId = expected.stream().map(n -> n.fields().get("Build ID"))
                    .filter(id -> id != null).findFirst().orElseThrow();
            assertThat(elf.buildId()).contains(readelfBuildId);
        }
    }

    /** With the section headers gone (as after sstrip), the build-id comes from PT_NOTE. */
    @ParameterizedTest
    @MethodSource("files")
    void buildIdFromSegmentsWhenSectionHeadersAreGone(Path file) throws IOException {
        String readelfBuildId = Readelf.notes(file).stream().map(n -> n.fields().get("Build ID"))
                .filter(id -> id != null).findFirst().orElseThrow();
        byte[] image = Files.readAllBytes(file);
        ImageWriter.putLong(image, 40, 0);
        ImageWriter.putShort(image, 60, 0);
        ImageWriter.putShort(image, 62, 0);
        try (ElfFile elf = ElfFile.parse(image, file + " without section headers")) {
            assertThat(elf.sections()).isEmpty();
            assertThat(elf.programHeaders()).filteredOn(ProgramHeader::isNote).isNotEmpty();
            assertThat(elf.buildId()).contains(readelfBuildId);
            assertThat(elf.findSymbol("_PyRuntime")).isEmpty();
        }
    }

    /** Section headers and program headers are two independent maps of the same file. */
    @ParameterizedTest
    @MethodSource("files")
    void fileOffsetOfAgreesWithSectionHeaders(Path file) {
        try (ElfFile elf = ElfFile.open(file)) {
            List<ElfSection> loaded = elf.sections().stream()
                    .filter(s -> s.allocated() && s.hasFileBytes() && s.size() > 0)
                    .toList();
            assertThat(loaded).hasSizeGreaterThan(5);
            for (ElfSection s : loaded) {
                assertThat(elf.fileOffsetOf(s.address())).as(s.name()).hasValue(s.offset());
                assertThat(elf.fileOffsetOf(s.address() + s.size() - 1)).as(s.name()).hasValue(s.offset() + s.size() - 1);
            }
            ElfSection bss = elf.section(".bss").orElseThrow();
            assertThat(elf.fileOffsetOf(bss.address() + bss.size() - 1)).as("end of .bss has no file bytes").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void knownCpythonSymbolsMatchReadelf(Binary binary) {
        Path file = binary.path();
        Map<String, List<Readelf.Symbol>> expected = Readelf.symbols(file);
        List<Readelf.Section> sections = Readelf.sections(file);
        try (ElfFile elf = ElfFile.open(file)) {
            if (binary.atLeast(3, 7)) {
                assertSameSymbol(elf.findSymbol("_PyRuntime"), expected, ".dynsym", "_PyRuntime");
            } else {
                assertThat(elf.findSymbol("interp_head", SymbolTableKind.DYNAMIC)).isEmpty();
                assertSameSymbol(elf.findSymbol("interp_head", SymbolTableKind.STATIC), expected, ".symtab",
                        "interp_head");
                assertSameSymbol(elf.findSymbol("interp_head"), expected, ".symtab", "interp_head");
            }
            if (binary.atLeast(3, 11)) {
                assertSameSymbol(elf.findSymbol("Py_Version"), expected, ".dynsym", "Py_Version");
            }
            if (binary.atLeast(3, 10)) {
                long readelfAddress = sections.stream().filter(s -> s.name().equals(".PyRuntime")).findFirst()
                        .orElseThrow().address();
                assertThat(elf.section(".PyRuntime")).map(ElfSection::address).contains(readelfAddress);
            }
        }
    }

    private static void assertSameSymbol(Optional<ElfSymbol> mine, Map<String, List<Readelf.Symbol>> expected,
            String table, String name) {
        Readelf.Symbol theirs = expected.get(table).stream()
                .filter(r -> !r.ndx().equals("UND") && (r.name().equals(name) || r.name().startsWith(name + "@")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("readelf shows no defined " + name + " in " + table));
        assertThat(mine).as(name).isPresent();
        assertThat(mine.get().value()).as(name + " value").isNotZero().isEqualTo(theirs.value());
        assertThat(mine.get().size()).as(name + " size").isNotZero().isEqualTo(theirs.size());
    }

    /** readelf appends symbol versions to .dynsym names ({@code memcpy@GLIBC_2.14 (3)}). */
    private static String versionedName(String readelfName, SymbolTableKind kind) {
        if (kind == SymbolTableKind.DYNAMIC) {
            int at = readelfName.indexOf('@');
            return at < 0 ? readelfName : readelfName.substring(0, at);
        }
        return readelfName;
    }

    private static String tableName(SymbolTableKind kind) {
        return kind == SymbolTableKind.DYNAMIC ? ".dynsym" : ".symtab";
    }

    private static String flags(ProgramHeader p) {
        return (p.readable() ? "R" : " ") + (p.writable() ? "W" : " ") + (p.executable() ? "E" : " ");
    }

    private static String readelfType(ElfSymbol s) {
        return s.type() == SymbolType.GNU_IFUNC ? "IFUNC" : s.type().name();
    }

    private static String readelfBind(ElfSymbol s) {
        return s.binding() == SymbolBinding.GNU_UNIQUE ? "UNIQUE" : s.binding().name();
    }

    private static String readelfNdx(ElfSymbol s) {
        return switch (s.sectionIndex()) {
            case ElfSymbol.SHN_UNDEF -> "UND";
            case ElfSymbol.SHN_ABS -> "ABS";
            case 0xfff2 -> "COM";
            default -> Integer.toString(s.sectionIndex());
        };
    }

}
