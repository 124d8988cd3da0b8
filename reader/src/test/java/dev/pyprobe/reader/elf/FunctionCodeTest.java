package dev.pyprobe.reader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The eval loop's code, from symbols and from .eh_frame alone. The oracle for .eh_frame is the
 * symbol table of the same build: the debug file python3.X-dbg installs for sid's stripped
 * release builds, and the binary's own .symtab for pyenv's and sid's debug builds.
 */
class FunctionCodeTest {
    private static final String EVAL_LOOP = "_PyEval_EvalFrameDefault";

    /** Debian's 3.13+ release builds: nearly every opcode handler in _PyEval_EvalFrameDefault.cold. */
    @ParameterizedTest
    @ValueSource(strings = {"python3.13", "python3.14", "python3.15"})
    void ehFrameFindsTheFragmentTheDebugFileNames(String name) {
        Path binary = InstalledPythons.sid("usr/bin/" + name);
        try (ElfFile elf = ElfFile.open(binary); ElfFile debug = ElfFile.open(InstalledPythons.sidDebugFile(binary))) {
            ElfSymbol loop = elf.findSymbol(EVAL_LOOP).orElseThrow();
            List<CodeRange> named = FunctionCode.fromSymbols(loop, debug.symbols(SymbolTableKind.STATIC));
            assertThat(named).hasSize(2);
            assertThat(named.get(1).size()).as("the .cold fragment dwarfs the symbol's own range")
                    .isGreaterThan(10 * loop.size());
            assertThat(FunctionCode.fromEhFrame(elf, loop)).isEqualTo(named);
        }
    }

    static Stream<Path> buildsWithSymbols() {
        List<Path> out = new ArrayList<>();
        InstalledPythons.PYENV_VERSIONS.forEach(v -> out.add(InstalledPythons.libpython(v)));
        Stream.of("python3.13d", "python3.14d", "python3.15d").forEach(n -> out.add(InstalledPythons.sid("usr/bin/" + n)));
        return out.stream();
    }

    /**
     * Every piece the symbols name, except pyenv 3.11's and 3.12's 4 and 8 byte .cold stubs:
     * unreachable paths (Py_UNREACHABLE) entered only through the opcode table and never jumping
     * back, which no direct jump links to the eval loop.
     */
    @ParameterizedTest
    @MethodSource("buildsWithSymbols")
    void ehFrameFindsWhatTheSymbolTableNames(Path binary) {
        try (ElfFile elf = ElfFile.open(binary)) {
            ElfSymbol loop = elf.findSymbol(EVAL_LOOP).or(() -> elf.findSymbol("PyEval_EvalFrameEx")).orElseThrow();
            List<CodeRange> named = FunctionCode.fromSymbols(loop, elf.symbols(SymbolTableKind.STATIC));
            List<CodeRange> found = FunctionCode.fromEhFrame(elf, loop);
            assertThat(named).containsAll(found);
            assertThat(named.stream().filter(r -> !found.contains(r))).allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(8));
        }
    }

    /** Bookworm's stripped build splits unlikely blocks off too; each piece found is one its eval loop jumps into. */
    @Test
    void debiansStrippedPython311() {
        Path binary = InstalledPythons.DEBIAN_PYTHON;
        try (ElfFile elf = ElfFile.open(binary)) {
            assertThat(elf.hasSymbolTable(SymbolTableKind.STATIC)).isFalse();
            ElfSymbol loop = elf.findSymbol(EVAL_LOOP).orElseThrow();
            CodeRange own = new CodeRange(loop.value(), loop.value() + loop.size());
            List<CodeRange> found = FunctionCode.fromEhFrame(elf, loop);
            assertThat(found.get(0)).isEqualTo(own);
            assertThat(found).hasSizeGreaterThan(1);
            long[] jumps = Objdump.directJumpTargets(binary, own);
            assertThat(found.subList(1, found.size()))
                    .allSatisfy(piece -> assertThat(Arrays.stream(jumps).anyMatch(piece::contains)).isTrue());
        }
    }

    @Test
    void symbolsNameColdAndPartPiecesOfTheFunctionOnly() {
        ElfSymbol f = function("f", 0x1000, 0x100);
        List<ElfSymbol> table = List.of(f, function("f.cold", 0x100, 0x20), function("f.part.0", 0x2000, 0x40),
                function("f.part.0.cold", 0x180, 0x8), function("f.cold.1", 0x200, 0x4), function("f.constprop.0", 0x3000, 8),
                function("ff.cold", 0x400, 8), function("f.cold.x", 0x500, 8), function("f.cold", 0x100, 0x20));
        assertThat(FunctionCode.fromSymbols(f, table)).containsExactly(new CodeRange(0x1000, 0x1100),
                new CodeRange(0x100, 0x120), new CodeRange(0x2000, 0x2040), new CodeRange(0x180, 0x188),
                new CodeRange(0x200, 0x204));
    }

    private static ElfSymbol function(String name, long value, long size) {
        return new ElfSymbol(name, value, size, SymbolType.FUNC, SymbolBinding.LOCAL, 12, SymbolTableKind.STATIC);
    }
}
