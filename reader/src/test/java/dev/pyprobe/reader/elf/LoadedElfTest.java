package dev.pyprobe.reader.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.Mapping;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load bias in live processes. The oracles are the process itself: its memory must hold the
 * file's read-only bytes where the bias says, and {@code Py_Version} there must equal the
 * {@code sys.hexversion} the process printed.
 */
@Timeout(60)
class LoadedElfTest {
    private static final long PAGE = 4096;

    @Test
    void sharedLibpythonHasNonzeroBias() throws IOException {
        Path python = InstalledPythons.pyenvPython("3.12.1");
        try (RunningPython running = RunningPython.start(python, Map.of());
                TargetProcess target = TargetProcess.open(running.pid())) {
            MemoryMap maps = target.maps();
            String path = onlyPathContaining(maps, "libpython3.12");
            try (LoadedElf lib = LoadedElf.open(target, maps, path)) {
                assertThat(lib.elf().type()).isEqualTo(ElfType.DYN);
                assertThat(lib.deleted()).isFalse();
                assertThat(lib.bias()).isNotZero();
                assertThat(lib.bias() % PAGE).isZero();
                assertRuntimeIsWhereTheFileSays(lib, target, maps, running.hexVersion());
            }
        }
    }

    @Test
    void nonPieExecutableHasZeroBias() throws IOException {
        try (RunningPython running = RunningPython.start(InstalledPythons.DEBIAN_PYTHON, Map.of());
                TargetProcess target = TargetProcess.open(running.pid())) {
            MemoryMap maps = target.maps();
            try (LoadedElf exe = LoadedElf.openExecutable(target, maps)) {
                assertThat(exe.elf().type()).isEqualTo(ElfType.EXEC);
                assertThat(exe.pathInTarget()).isEqualTo(InstalledPythons.DEBIAN_PYTHON.toString());
                assertThat(exe.bias()).isZero();
                assertRuntimeIsWhereTheFileSays(exe, target, maps, running.hexVersion());
            }
        }
    }

    /** A library deleted after it was loaded is read through /proc/PID/map_files. */
    @Test
    void deletedLibraryIsStillRead(@TempDir Path dir) throws IOException {
        Path original = InstalledPythons.libpython("3.12.1");
        Path copy = dir.resolve(original.getFileName());
        Files.copy(original, copy);
        Path python = InstalledPythons.pyenvPython("3.12.1");
        try (RunningPython running = RunningPython.start(python, Map.of("LD_LIBRARY_PATH", dir.toString()));
                TargetProcess target = TargetProcess.open(running.pid())) {
            Files.delete(copy);
            MemoryMap maps = target.maps();
            String mapped = onlyPathContaining(maps, "libpython3.12");
            assertThat(mapped).isEqualTo(copy + " (deleted)");
            for (String asked : List.of(copy.toString(), mapped)) {
                try (LoadedElf lib = LoadedElf.open(target, maps, asked)) {
                    assertThat(lib.deleted()).isTrue();
                    assertThat(lib.pathInTarget()).isEqualTo(copy.toString());
                    assertThat(lib.bias()).isNotZero();
                    assertRuntimeIsWhereTheFileSays(lib, target, maps, running.hexVersion());
                }
            }
        }
    }

    @Test
    void fileThatIsNotMappedIsAClearError() throws IOException {
        try (RunningPython running = RunningPython.start(InstalledPythons.DEBIAN_PYTHON, Map.of());
                TargetProcess target = TargetProcess.open(running.pid())) {
            assertThatThrownBy(() -> LoadedElf.open(target, target.maps(), "/usr/lib/no-such-library.so"))
                    .isInstanceOf(ReaderException.class)
                    .hasMessageContaining("/usr/lib/no-such-library.so is not mapped in process " + running.pid());
        }
    }

    private static void assertRuntimeIsWhereTheFileSays(LoadedElf loaded, TargetProcess target, MemoryMap maps,
            long hexVersion) {
        String path = loaded.pathInTarget();
        ElfFile elf = loaded.elf();

        long runtime = loaded.runtimeAddress("_PyRuntime").orElseThrow();
        Mapping holder = maps.find(runtime).orElseThrow(() -> new AssertionError("_PyRuntime is not mapped"));
        assertThat(holder.path()).startsWith(path);
        long size = elf.findSymbol("_PyRuntime").orElseThrow().size();
        assertThat(maps.find(runtime + size - 1)).map(Mapping::path).hasValueSatisfying(p -> assertThat(p).startsWith(path));

        long version = loaded.runtimeAddress("Py_Version").orElseThrow();
        assertThat(target.memory().readLong(version)).isEqualTo(hexVersion);

        ElfSection rodata = elf.section(".rodata").orElseThrow();
        int length = (int) Math.min(rodata.size(), 4096);
        byte[] inFile = Arrays.copyOf(elf.sectionBytes(rodata), length);
        assertThat(target.memory().read(loaded.runtimeAddress(rodata), length)).isEqualTo(inFile);
    }

    private static String onlyPathContaining(MemoryMap maps, String fragment) {
        List<String> paths = maps.ofFile(fragment).stream().map(Mapping::path).distinct().toList();
        assertThat(paths).as("mapped files containing %s", fragment).hasSize(1);
        return paths.get(0);
    }
}
