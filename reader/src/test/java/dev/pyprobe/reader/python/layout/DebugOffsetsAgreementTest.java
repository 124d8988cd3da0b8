package dev.pyprobe.reader.python.layout;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyprobe.reader.elf.ElfFile;
import dev.pyprobe.reader.elf.ElfSection;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 3.13+ publish their own offsets in {@code _Py_DebugOffsets}: the layout table (read from DWARF)
 * and what a build publishes must agree field by field. Checked on a live pyenv 3.13 process, and
 * on Debian's 3.13, 3.14 and 3.15 release and debug builds (the sid root), whose struct is read
 * from the executable's file: it is initialized static data that opens {@code _PyRuntime}.
 */
class DebugOffsetsAgreementTest {
    private static final Path PYTHON_313 = Path.of(SuitePythons.pyenv("3.13.0"));
    /** Struct sizes that bug-fix releases enlarge by appending members: the table keeps the first release's. */
    private static final Set<String> GROWS_IN_BUGFIX_RELEASES = Set.of("thread.size");

    @Test
    void tableAgreesWithTheDebugOffsetsOfALive313() throws Exception {
        requirePresent(PYTHON_313);
        Process python = new ProcessBuilder(PYTHON_313.toString(), "-c", "import sys; print('up', flush=True); sys.stdin.read()")
                .redirectErrorStream(true).start();
        try {
            python.getInputStream().read(new byte[3]);
            try (TargetProcess process = TargetProcess.open((int) python.pid())) {
                MemoryMap maps = process.maps();
                try (InterpreterBinary binary = InterpreterBinary.find(process, maps)) {
                    long runtime = binary.symbol("_PyRuntime").orElseThrow();
                    RemoteBytes offsets = process.memory().bytesAt(runtime, 1024);
                    PythonVersion version = assertAgrees(offsets);
                    assertThat(version.series()).isEqualTo("3.13");
                    LayoutTable table = LayoutTable.builtIn();
                    assertThat(table.forVersion(version, offsets)).isEqualTo(table.forVersion(version));
                }
            }
        } finally {
            python.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static List<String> sidBuilds() {
        return SuitePythons.SID_PYTHONS;
    }

    @ParameterizedTest
    @MethodSource("sidBuilds")
    void tableAgreesWithTheDebugOffsetsASidBuildCarries(String build) {
        Path binary = SuitePythons.SID_ROOT.resolve("usr/bin").resolve(build);
        requirePresent(binary);
        PythonVersion version = assertAgrees(debugOffsetsIn(binary));
        assertThat("python" + version.series()).isEqualTo(build.replaceFirst("d$", ""));
    }

    private static void requirePresent(Path binary) {
        boolean present = Files.isExecutable(binary);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("CI needs " + binary + " (scripts/install-deps, pyenv, scripts/install-sid-root)").isTrue();
        }
        assumeTrue(present, binary + " is not installed");
    }

    /** Every field the table maps to a position has the table's value there; returns the version they give. */
    private static PythonVersion assertAgrees(RemoteBytes offsets) {
        assertThat(new String(offsets.slice(0, 8), StandardCharsets.US_ASCII)).isEqualTo("xdebugpy");
        PythonVersion version = PythonVersion.fromHex(offsets.i64(8));
        LayoutTable table = LayoutTable.builtIn();
        Layout fromTable = table.forVersion(version);
        Map<String, Long> positions = table.debugOffsetPositions(version);
        assertThat(positions).hasSizeGreaterThan(25);
        SoftAssertions softly = new SoftAssertions();
        positions.forEach((field, position) -> {
            long published = offsets.i64(position.intValue());
            long inTable = fieldValue(fromTable, field);
            if (GROWS_IN_BUGFIX_RELEASES.contains(field)) {
                softly.assertThat(published).as("%s (position %d)", field, position).isGreaterThanOrEqualTo(inTable);
            } else {
                softly.assertThat(published).as("%s (position %d)", field, position).isEqualTo(inTable);
            }
        });
        softly.assertAll();
        return version;
    }

    /** The {@code _Py_DebugOffsets} at the start of {@code _PyRuntime}, from the file's {@code .PyRuntime} section. */
    private static RemoteBytes debugOffsetsIn(Path binary) {
        try (ElfFile elf = ElfFile.open(binary)) {
            ElfSection section = elf.section(".PyRuntime").orElseThrow();
            long runtime = elf.findSymbol("_PyRuntime").orElseThrow().value();
            int start = (int) (runtime - section.address());
            return new RemoteBytes(runtime, Arrays.copyOfRange(elf.sectionBytes(section), start, start + 1024));
        }
    }

    /**
     * The value the table gives a layout field, by its path ({@code thread.nativeThreadId}); for a
     * pointer path, its last step, the only one the debug offsets publish.
     */
    private static long fieldValue(Layout layout, String path) {
        String[] parts = path.split("\\.");
        Object group = component(layout, parts[0]);
        Object value = component(group, parts[1]);
        if (value instanceof List<?> steps) {
            value = steps.get(steps.size() - 1);
        }
        return ((Number) value).longValue();
    }

    private static Object component(Object record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot read " + name, e);
                }
            }
        }
        throw new AssertionError(record.getClass().getSimpleName() + " has no field " + name);
    }
}
