package dev.pyprobe.reader.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.elf.DebugFileSearch;
import dev.pyprobe.reader.elf.ElfSymbol;
import dev.pyprobe.reader.elf.SymbolTableKind;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import dev.pyprobe.reader.testing.SuitePythons;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The eval loop's code in live processes, as the tracing mechanisms get it from
 * {@link InterpreterBinary}: a container's stripped build with its debug file in the container's
 * root, Debian's stripped build with none, and a pyenv build with its own symbol table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EvalLoopCodeTest {
    private static final String EVAL_LOOP = "_PyEval_EvalFrameDefault";

    @Test
    void aContainersStrippedBuildTakesItsSymbolsFromTheDebugFileInItsRoot() throws Exception {
        String python = SuitePythons.sid("python3.13");
        SuitePythons.requireInstalled(python);
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(python);
             TargetProcess process = TargetProcess.open(fx.pid);
             InterpreterBinary binary = InterpreterBinary.find(process, process.maps())) {
            String buildId = binary.elf().elf().buildId().orElseThrow();
            assertThat(Path.of(DebugFileSearch.buildIdPath(buildId))).as("not on this host: only in the target's root")
                    .doesNotExist();
            assertThat(SuitePythons.SID_ROOT.resolve(DebugFileSearch.buildIdPath(buildId).substring(1))).exists();
            assertThat(binary.elf().elf().hasSymbolTable(SymbolTableKind.STATIC)).isFalse();
            assertThat(binary.missingSymbols()).isEmpty();
            ElfSymbol cold = binary.elf().symbols().find(EVAL_LOOP + ".cold").orElseThrow();
            InterpreterBinary.CodeRanges code = binary.functionCode(EVAL_LOOP);
            assertThat(code.ranges()).hasSize(2);
            assertThat(code.ranges().get(1)).isEqualTo(new InterpreterBinary.AddressRange(
                    binary.elf().runtimeAddress(cold), binary.elf().runtimeAddress(cold) + cold.size()));
        }
    }

    @Test
    void debiansStrippedBuildWithoutADebugFileIsDelimitedThroughEhFrame() throws Exception {
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(SuitePythons.DEBIAN_PYTHON);
             TargetProcess process = TargetProcess.open(fx.pid);
             InterpreterBinary binary = InterpreterBinary.find(process, process.maps())) {
            String buildId = binary.elf().elf().buildId().orElseThrow();
            assertThat(binary.missingSymbols()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("/usr/bin/python3.11 is stripped (no .symtab) and no debug file of it was found")
                    .contains(DebugFileSearch.buildIdPath(buildId)));
            ElfSymbol loop = binary.elf().symbols().find(EVAL_LOOP).orElseThrow();
            InterpreterBinary.CodeRanges code = binary.functionCode(EVAL_LOOP);
            assertThat(code.ranges().get(0)).isEqualTo(new InterpreterBinary.AddressRange(
                    binary.elf().runtimeAddress(loop), binary.elf().runtimeAddress(loop) + loop.size()));
            assertThat(code.ranges()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void aBuildWithItsOwnSymbolTableNamesItsFragments() throws Exception {
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(SuitePythons.pyenv("3.12.1"));
             TargetProcess process = TargetProcess.open(fx.pid);
             InterpreterBinary binary = InterpreterBinary.find(process, process.maps())) {
            assertThat(binary.missingSymbols()).isEmpty();
            ElfSymbol cold = binary.elf().symbols().find(EVAL_LOOP + ".cold").orElseThrow();
            assertThat(binary.functionCode(EVAL_LOOP).contains(binary.elf().runtimeAddress(cold))).isTrue();
        }
    }
}
