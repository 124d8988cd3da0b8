package dev.pyprobe.reader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding x86-64 for its direct jumps: against objdump on the eval loops of real builds (each
 * piece hundreds of kilobytes of compiler output), and on encodings those builds lack (VEX, EVEX)
 * or that must not decode.
 */
class X86JumpsTest {
    @Test
    void agreesWithObjdumpOnTheEvalLoopsOfPyenvBuilds() {
        for (String version : List.of("2.7.18", "3.10.13", "3.12.1", "3.13.0")) {
            Path lib = InstalledPythons.libpython(version);
            try (ElfFile elf = ElfFile.open(lib)) {
                String name = lib.toString().contains("2.7") ? "PyEval_EvalFrameEx" : "_PyEval_EvalFrameDefault";
                ElfSymbol loop = elf.findSymbol(name).orElseThrow();
                int jumps = 0;
                for (CodeRange range : FunctionCode.fromSymbols(loop, elf.symbols(SymbolTableKind.STATIC))) {
                    jumps += assertAgrees(elf, lib, range);
                }
                assertThat(jumps).as("direct jumps in %s's eval loop", version).isGreaterThan(1000);
            }
        }
    }

    @Test
    void agreesWithObjdumpOnDebiansEvalLoops() {
        Path bookworm = InstalledPythons.DEBIAN_PYTHON;
        try (ElfFile elf = ElfFile.open(bookworm)) {
            ElfSymbol loop = elf.findSymbol("_PyEval_EvalFrameDefault").orElseThrow();
            assertThat(assertAgrees(elf, bookworm, new CodeRange(loop.value(), loop.value() + loop.size())))
                    .isGreaterThan(1000);
        }
        Path sid = InstalledPythons.sid("usr/bin/python3.13");
        try (ElfFile elf = ElfFile.open(sid); ElfFile debug = ElfFile.open(InstalledPythons.sidDebugFile(sid))) {
            ElfSymbol loop = elf.findSymbol("_PyEval_EvalFrameDefault").orElseThrow();
            List<CodeRange> pieces = FunctionCode.fromSymbols(loop, debug.symbols(SymbolTableKind.STATIC));
            assertThat(pieces).hasSize(2);
            assertThat(pieces.stream().mapToInt(range -> assertAgrees(elf, sid, range)).sum()).isGreaterThan(1000);
        }
    }

    /** Compares the jumps of one range; returns how many there are. */
    private static int assertAgrees(ElfFile elf, Path file, CodeRange range) {
        ElfSection text = elf.section(".text").orElseThrow();
        byte[] bytes = elf.sectionBytes(text);
        int from = (int) (range.start() - text.address());
        Optional<long[]> decoded = X86Jumps.targets(bytes, from, from + (int) range.size(), range.start());
        assertThat(decoded).as("%s %s decodes", file, range).isPresent();
        long[] expected = Objdump.directJumpTargets(file, range);
        assertThat(decoded.get()).as("%s %s", file, range).containsExactly(expected);
        return expected.length;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jmp rel8 to itself, eb fe, 4096",
        "jne rel32 forward, 0f 85 10 00 00 00, 4118",
        "jrcxz back, e3 f0, 4082",
        "endbr64 then jmp rel32 back, f3 0f 1e fa e9 00 f0 ff ff, 9",
        "nopw with a prefix, 66 0f 1f 44 00 00 eb 00, 4104",
        "mov rax imm64, 48 b8 11 22 33 44 55 66 77 88 eb 00, 4108",
        "mov ax imm16, 66 b8 11 22 eb 00, 4102",
        "test with imm32, f7 05 00 00 00 00 01 00 00 00 eb 00, 4108",
        "rip-relative lea, 48 8d 05 00 00 00 00 eb 00, 4105",
        "sib without base, ff 24 c5 00 00 00 00 eb 00, 4105",
        "vex2 vzeroupper, c5 f8 77 eb 00, 4101",
        "vex3 vbroadcastss rip, c4 e2 79 18 05 00 00 00 00 eb 00, 4107",
        "vex3 vpalignr imm8, c4 e3 71 0f c2 04 eb 00, 4104",
        "evex vmovups zmm, 62 f1 7c 48 10 05 00 00 00 00 eb 00, 4108",
        "sse4 pextrd imm8, 66 0f 3a 16 c0 01 eb 00, 4104",
    })
    void decodesEachEncoding(String what, String hex, long target) {
        byte[] code = HexFormat.ofDelimiter(" ").parseHex(hex);
        assertThat(X86Jumps.targets(code, 0, code.length, 0x1000)).as(what)
                .hasValueSatisfying(t -> assertThat(t).containsExactly(target));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "push es is invalid in 64-bit mode, 06",
        "a prefix alone, 66",
        "an escape alone, 0f",
        "a jump cut short, 0f 85 10 00",
        "a ModRM cut short, 8b 84 24",
        "a run that ends inside an instruction, 90 b8 01 00",
        "an unknown VEX map, c4 e7 79 18 c0",
    })
    void refusesWhatDoesNotDecode(String what, String hex) {
        byte[] code = HexFormat.ofDelimiter(" ").parseHex(hex);
        assertThat(X86Jumps.targets(code, 0, code.length, 0x1000)).as(what).isEmpty();
    }
}
