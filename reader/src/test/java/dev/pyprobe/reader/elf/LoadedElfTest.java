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
import java.util.ArrayList;
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
                assertThat(lib.hostPath()).isEqualTo(Path.of("/proc/" + running.pid() + "/root" + path));
                assertThat(lib.bias()).isNotZero();
                assertThat(lib.bias() % PAGE).isZero();
                assertRuntimeIsWhereTheFileSays(lib, target, maps, running.hexVersion());
            }
        }
    }

    /**
     * A second mapping of the library at file offset 0, below the real one, as a plain mmap of the
     * file would make: the bias must still come from the mapping the loader made.
     */
    @Test
    void extraMappingOfTheFileDoesNotMisleadTheBias() throws IOException {
        Path python = InstalledPythons.pyenvPython("3.12.1");
        try (RunningPython running = RunningPython.start(python, Map.of());
                TargetProcess target = TargetProcess.open(running.pid())) {
            MemoryMap maps = target.maps();
            String path = onlyPathContaining(maps, "libpython3.12");
            Mapping real = maps.firstOf(path).orElseThrow();
            List<Mapping> withDecoy = new ArrayList<>(maps.mappings());
            withDecoy.add(0, new Mapping(0x10000, 0x12000, "r--p", 0, real.inode(), path));
            try (LoadedElf lib = LoadedElf.open(target, new MemoryMap(withDecoy), path)) {
                assertThat(lib.bias()).isNotEqualTo(0x10000L);
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
                    assertThat(lib.hostPath().toString()).startsWith("/proc/" + running.pid() + "/map_files/");
                    try (ElfFile viaHost = ElfFile.open(lib.hostPath()); ElfFile installed = ElfFile.open(original)) {
                        assertThat(viaHost.buildId()).isPresent().isEqualTo(installed.buildId());
                    }
                    assertThat(lib.bias()).isNotZero();
                    assertRuntimeIsWhereTheFileSays(lib, target, maps, running.hexVersion());
                }
            }
        }
    }

    /**
     * A target in its own mount namespace sees its own file at the mapped path, while this
     * process sees a different file there: the reader must read the target's, through
     * /proc/PID/root.
     */
    @Test
    void pathIsResolvedInTheTargetsMountNamespace(@TempDir Path dir) throws IOException {
        Path real = InstalledPythons.libpython("3.12.1");
        Path decoy = dir.resolve(real.getFileName());
        Files.copy(InstalledPythons.libpython("3.11.7"), decoy);
        List<String> privateLibDir = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs pyprobe-test \"$D\" && cp \"$LIB\" \"$D/\" && exec \"$0\" \"$@\"");
        Path python = InstalledPythons.pyenvPython("3.12.1");
        try (RunningPython running = RunningPython.start(privateLibDir, python,
                Map.of("D", dir.toString(), "LIB", real.toString(), "LD_LIBRARY_PATH", dir.toString()));
                TargetProcess target = TargetProcess.open(running.pid())) {
            MemoryMap maps = target.maps();
            assertThat(onlyPathContaining(maps, "libpython3.12")).isEqualTo(decoy.toString());
            try (LoadedElf lib = LoadedElf.open(target, maps, decoy.toString());
                    ElfFile expected = ElfFile.open(real);
                    ElfFile seenFromHere = ElfFile.open(decoy)) {
                assertThat(lib.elf().buildId()).isPresent().isEqualTo(expected.buildId())
                        .isNotEqualTo(seenFromHere.buildId());
                assertThat(lib.deleted()).isFalse();
                assertThat(lib.hostPath()).isEqualTo(Path.of("/proc/" + running.pid() + "/root" + decoy));
                assertRuntimeIsWhereTheFileSays(lib, target, maps, running.hexVersion());
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
