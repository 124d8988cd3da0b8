package dev.pyprobe.reader.python.layout;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 3.13 publishes its own offsets in {@code _Py_DebugOffsets}: the layout table (read from DWARF)
 * and what a live 3.13 process publishes must agree field by field.
 */
class DebugOffsetsAgreementTest {
    private static final Path PYTHON_313 = Path.of(SuitePythons.pyenv("3.13.0"));

    @Test
    void tableAgreesWithTheDebugOffsetsOfALive313() throws Exception {
        boolean present = Files.isExecutable(PYTHON_313);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("CI needs " + PYTHON_313).isTrue();
        }
        assumeTrue(present, PYTHON_313 + " is not installed");
        Process python = new ProcessBuilder(PYTHON_313.toString(), "-c", "import sys; print('up', flush=True); sys.stdin.read()")
                .redirectErrorStream(true).start();
        try {
            python.getInputStream().read(new byte[3]);
            try (TargetProcess process = TargetProcess.open((int) python.pid())) {
                MemoryMap maps = process.maps();
                try (InterpreterBinary binary = InterpreterBinary.find(process, maps)) {
                    long runtime = binary.symbol("_PyRuntime").orElseThrow();
                    RemoteBytes offsets = process.memory().bytesAt(runtime, 1024);
                    assertThat(new String(offsets.slice(0, 8), StandardCharsets.US_ASCII)).isEqualTo("xdebugpy");
                    PythonVersion version = PythonVersion.fromHex(offsets.i64(8));
                    assertThat(version.series()).isEqualTo("3.13");

                    LayoutTable table = LayoutTable.builtIn();
                    Layout fromTable = table.forVersion(version);
                    Map<String, Long> positions = table.debugOffsetPositions(version);
                    assertThat(positions).hasSizeGreaterThan(20);
                    positions.forEach((field, position) -> assertThat(offsets.i64(position.intValue()))
                            .as("%s (debug offsets position %d)", field, position)
                            .isEqualTo(fieldValue(fromTable, field)));
                    assertThat(table.forVersion(version, offsets)).isEqualTo(table.forVersion(version));
                }
            }
        } finally {
            python.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
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
