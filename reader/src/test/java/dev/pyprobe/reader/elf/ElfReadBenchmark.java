package dev.pyprobe.reader.elf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Prints how long the ELF reader takes on the installed CPython binaries: the first open in a
 * fresh JVM, then the median of warmed runs. Not a test; run it after {@code mvn test-compile}:
 * {@code java -cp reader/target/classes:reader/target/test-classes dev.pyprobe.reader.elf.ElfReadBenchmark}
 */
public final class ElfReadBenchmark {
    private static final int RUNS = 200;

    private ElfReadBenchmark() {
    }

    public static void main(String[] args) {
        Path debian = InstalledPythons.DEBIAN_PYTHON;
        Path lib312 = InstalledPythons.libpython("3.12.1");
        Path lib27 = InstalledPythons.libpython("2.7.18");
        measure("open " + debian + " (headers only)", debian, elf -> elf.sections());
        measure("open + .dynsym _PyRuntime + build-id, " + debian, debian, elf -> {
            elf.findSymbol("_PyRuntime").orElseThrow();
            elf.buildId().orElseThrow();
        });
        measure("open + stapsdt probes located, " + debian, debian, elf -> StapsdtNotes.locate(elf));
        measure("open + .dynsym _PyRuntime, " + lib312, lib312, elf -> elf.findSymbol("_PyRuntime").orElseThrow());
        measure("open + .symtab interp_head (linear scan), " + lib27, lib27,
                elf -> elf.findSymbol("interp_head").orElseThrow());
        measure("open + every .symtab symbol decoded, " + lib312, lib312,
                elf -> elf.symbols(SymbolTableKind.STATIC));
    }

    private static void measure(String what, Path file, Consumer<ElfFile> work) {
        long first = once(file, work);
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            times[i] = once(file, work);
        }
        Arrays.sort(times);
        System.out.printf("%-100s first %8.3f ms, median %8.3f ms, p90 %8.3f ms%n", what, first / 1e6,
                times[RUNS / 2] / 1e6, times[RUNS * 9 / 10] / 1e6);
    }

    private static long once(Path file, Consumer<ElfFile> work) {
        long start = System.nanoTime();
        try (ElfFile elf = ElfFile.open(file)) {
            work.accept(elf);
        }
        return System.nanoTime() - start;
    }

}
