package dev.pyprobe.reader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.testing.SuitePythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finding a stripped binary's debug file, on Debian sid's release builds and the debug files
 * python3.X-dbg installs for them in the sid root; the other candidates are laid out in temporary
 * roots: files of another build, files that are not ELF at all, a file without a symbol table.
 */
class DebugFileSearchTest {
    private static final String BINARY = "/usr/bin/python3.13";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"python3.13", "python3.14", "python3.15"})
    void eachSidReleaseBuildsDebugFileIsFoundByItsBuildId(String name) {
        Path binaryPath = InstalledPythons.sid("usr/bin/" + name);
        try (ElfFile binary = ElfFile.open(binaryPath)) {
            assertThat(binary.hasSymbolTable(SymbolTableKind.STATIC)).as("the release build is stripped").isFalse();
            DebugFileSearch.Result result = DebugFileSearch.find(binary, "/usr/bin/" + name, List.of(sidRoot()));
            assertThat(result.notes()).isEmpty();
            try (ElfFile debug = result.file().orElseThrow()) {
                assertThat(debug.description()).isEqualTo(DebugFileSearch.buildIdPath(binary.buildId().orElseThrow())
                        + " in the sid root");
                assertThat(debug.buildId()).isEqualTo(binary.buildId());
                assertThat(debug.findSymbol("_PyEval_EvalFrameDefault.cold", SymbolTableKind.STATIC)).isPresent();
            }
        }
    }

    @Test
    void symbolsMissingFromTheBinaryComeFromItsDebugFileOnly() {
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13"));
             ElfSymbols symbols = new ElfSymbols(binary, () -> DebugFileSearch.find(binary, BINARY, List.of(sidRoot())))) {
            ElfSymbol exported = symbols.find("_PyEval_EvalFrameDefault").orElseThrow();
            assertThat(exported.table()).as("the binary's own table first").isEqualTo(SymbolTableKind.DYNAMIC);
            assertThat(symbols.find("opcode_targets.0")).isPresent();
            assertThat(symbols.fullTable()).hasValueSatisfying(t -> assertThat(t).hasSizeGreaterThan(10_000));
        }
    }

    @Test
    void aBinaryWithItsOwnFullTableLooksForNoDebugFile() {
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13d"));
             ElfSymbols symbols = new ElfSymbols(binary, () -> {
                 throw new AssertionError("looked for a debug file");
             })) {
            assertThat(symbols.find("no_such_symbol")).isEmpty();
            assertThat(symbols.fullTable()).isPresent();
        }
    }

    @Test
    void aDebugFileOfAnotherBuildIsIgnoredWithANote() throws IOException {
        Path other = InstalledPythons.sidDebugFile(InstalledPythons.sid("usr/bin/python3.14"));
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13"))) {
            String id = binary.buildId().orElseThrow();
            DirectoryDebugRoot root = new DirectoryDebugRoot(dir, "in the test root");
            place(root.resolve(DebugFileSearch.buildIdPath(id)), other);
            DebugFileSearch.Result result = DebugFileSearch.find(binary, BINARY, List.of(root));
            assertThat(result.file()).isEmpty();
            assertThat(result.notes()).singleElement().asString()
                    .startsWith(DebugFileSearch.buildIdPath(id) + " in the test root was ignored: its build-id ")
                    .contains(readBuildId(other)).contains("is not the binary's " + id);
        }
    }

    /** Random bytes, and a real debug file cut short, each ignored; the search goes on to the next root. */
    @Test
    void filesThatAreNotWholeElfFilesAreIgnoredAndTheSearchGoesOn() throws IOException {
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13"))) {
            String path = DebugFileSearch.buildIdPath(binary.buildId().orElseThrow());
            DirectoryDebugRoot garbage = new DirectoryDebugRoot(dir.resolve("garbage"), "in the garbage root");
            byte[] noise = new byte[100_000];
            new Random(7).nextBytes(noise);
            write(garbage.resolve(path), noise);
            DirectoryDebugRoot cut = new DirectoryDebugRoot(dir.resolve("cut"), "in the cut root");
            byte[] real = Files.readAllBytes(InstalledPythons.sidDebugFile(InstalledPythons.sid("usr/bin/python3.13")));
            write(cut.resolve(path), Arrays.copyOf(real, 300_000));
            DebugFileSearch.Result result = DebugFileSearch.find(binary, BINARY, List.of(garbage, cut, sidRoot()));
            assertThat(result.notes()).hasSize(2);
            assertThat(result.notes().get(0)).startsWith(path + " in the garbage root").contains("not an ELF file")
                    .endsWith("ignored as a debug file");
            assertThat(result.notes().get(1)).startsWith(path + " in the cut root").contains("outside the file")
                    .endsWith("ignored as a debug file");
            try (ElfFile found = result.file().orElseThrow()) {
                assertThat(found.description()).endsWith("in the sid root");
            }
        }
    }

    @Test
    void aDebugFileWithoutASymbolTableIsIgnored() throws IOException {
        Path real = InstalledPythons.sidDebugFile(InstalledPythons.sid("usr/bin/python3.13"));
        byte[] image = Files.readAllBytes(real);
        try (ElfFile parsed = ElfFile.parse(image, "copy")) {
            ElfSection symtab = parsed.sections().stream().filter(s -> s.type() == ElfSection.SHT_SYMTAB)
                    .findFirst().orElseThrow();
            int header = (int) (LittleEndian.u64(image, 40) + symtab.index() * 64L);
            ImageWriter.putInt(image, header + 4, ElfSection.SHT_PROGBITS);
        }
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13"))) {
            DirectoryDebugRoot root = new DirectoryDebugRoot(dir, "in the test root");
            write(root.resolve(DebugFileSearch.buildIdPath(binary.buildId().orElseThrow())), image);
            DebugFileSearch.Result result = DebugFileSearch.find(binary, BINARY, List.of(root));
            assertThat(result.file()).isEmpty();
            assertThat(result.notes()).singleElement().asString().endsWith("it has no symbol table (.symtab)");
        }
    }

    /** gdb's second way: the name in .gnu_debuglink, in the binary's .debug directory, with the CRC it names. */
    @Test
    void theDebugLinkFindsAFileOfTheRightCrcBesideTheBinary() throws IOException {
        Path real = InstalledPythons.sidDebugFile(InstalledPythons.sid("usr/bin/python3.13"));
        String linked = "/usr/bin/.debug/" + real.getFileName();
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13"))) {
            DirectoryDebugRoot root = new DirectoryDebugRoot(dir.resolve("good"), "in the test root");
            place(root.resolve(linked), real);
            DebugFileSearch.Result found = DebugFileSearch.find(binary, BINARY, List.of(root));
            assertThat(found.notes()).isEmpty();
            try (ElfFile debug = found.file().orElseThrow()) {
                assertThat(debug.description()).isEqualTo(linked + " in the test root");
            }

            byte[] changed = Files.readAllBytes(real);
            try (ElfFile parsed = ElfFile.parse(changed, "copy")) {
                changed[(int) parsed.section(".comment").orElseThrow().offset()] ^= 1; // read by no one
            }
            DirectoryDebugRoot other = new DirectoryDebugRoot(dir.resolve("changed"), "in the test root");
            write(other.resolve(linked), changed);
            DebugFileSearch.Result refused = DebugFileSearch.find(binary, BINARY, List.of(other));
            assertThat(refused.file()).isEmpty();
            assertThat(refused.notes()).singleElement().asString().contains("its CRC-32")
                    .contains("that the binary's .gnu_debuglink names");
        }
    }

    @Test
    void aRootWithoutTheFileGivesNothingAndNoNote() {
        try (ElfFile binary = ElfFile.open(InstalledPythons.sid("usr/bin/python3.13"))) {
            DebugFileSearch.Result result = DebugFileSearch.find(binary, BINARY,
                    List.of(new DirectoryDebugRoot(dir, "in the empty root")));
            assertThat(result.file()).isEmpty();
            assertThat(result.notes()).isEmpty();
        }
    }

    private static DirectoryDebugRoot sidRoot() {
        return new DirectoryDebugRoot(SuitePythons.SID_ROOT, "in the sid root");
    }

    private static String readBuildId(Path file) {
        try (ElfFile elf = ElfFile.open(file)) {
            return elf.buildId().orElseThrow();
        }
    }

    private static void place(Path at, Path file) throws IOException {
        Files.createDirectories(at.getParent());
        Files.copy(file, at);
    }

    private static void write(Path at, byte[] bytes) throws IOException {
        Files.createDirectories(at.getParent());
        Files.write(at, bytes);
    }
}
