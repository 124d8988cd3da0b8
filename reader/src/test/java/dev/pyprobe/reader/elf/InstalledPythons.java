package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The ELF files of the suite's interpreters ({@link SuitePythons}). A missing one fails
 * the test that asks for it: these tests compare against real binaries and must not shrink
 * silently.
 */
final class InstalledPythons {
    static final List<String> PYENV_VERSIONS = SuitePythons.PYENV_VERSIONS;
    static final Path DEBIAN_PYTHON = Path.of(SuitePythons.DEBIAN_PYTHON);

    /** A binary holding a CPython runtime, with the version it implements. */
    record Binary(Path path, int major, int minor) {
        boolean atLeast(int wantMajor, int wantMinor) {
            return major > wantMajor || (major == wantMajor && minor >= wantMinor);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    private InstalledPythons() {
    }

    static Path pyenvRoot() {
        return SuitePythons.pyenvRoot();
    }

    static Path pyenvPython(String version) {
        String[] parts = version.split("\\.");
        Path python = pyenvRoot().resolve("versions").resolve(version).resolve("bin")
                .resolve("python" + parts[0] + "." + parts[1]);
        if (!Files.isExecutable(python)) {
            throw new AssertionError("pyenv Python " + version + " is not installed at " + python);
        }
        return python;
    }

    /** Every pyenv libpython (the real file, not its symlinks) and Debian's static python3.11. */
    static List<Binary> runtimes() {
        List<Binary> out = new ArrayList<>();
        for (String version : PYENV_VERSIONS) {
            String[] parts = version.split("\\.");
            out.add(new Binary(libpython(version), Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        }
        if (!Files.isRegularFile(DEBIAN_PYTHON)) {
            throw new AssertionError("Debian python3.11 is not installed at " + DEBIAN_PYTHON);
        }
        out.add(new Binary(DEBIAN_PYTHON, 3, 11));
        return out;
    }

    /**
     * Every distinct ELF file matching {@code libpython*.so*} in each version's lib directory (symlinks resolved),
     * including the small stable-ABI {@code libpython3.so}, plus Debian's python3.11.
     */
    static List<Path> allElfFiles() {
        TreeSet<Path> out = new TreeSet<>();
        for (String version : PYENV_VERSIONS) {
            Path lib = pyenvRoot().resolve("versions").resolve(version).resolve("lib");
            try (Stream<Path> files = Files.list(lib)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("libpython.*\\.so.*")).toList()) {
                    out.add(file.toRealPath());
                }
            } catch (IOException e) {
                throw new AssertionError("pyenv Python " + version + " is not installed: " + e.getMessage(), e);
            }
        }
        out.add(DEBIAN_PYTHON);
        return List.copyOf(out);
    }

    /**
     * A binary of the sid root ({@link SuitePythons#SID_ROOT}), e.g. {@code usr/bin/python3.13}. A
     * missing root skips the test, as every sid test does, except with CI=true, where it fails.
     */
    static Path sid(String pathInRoot) {
        Path file = SuitePythons.SID_ROOT.resolve(pathInRoot);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(file).as("CI needs the sid root (scripts/install-sid-root)").isRegularFile();
        }
        assumeTrue(Files.isRegularFile(file), file + " is not installed (scripts/install-sid-root)");
        return file;
    }

    /** The debug file of a sid binary, where python3.X-dbg installs it: under /usr/lib/debug/.build-id of the root. */
    static Path sidDebugFile(Path binary) {
        try (ElfFile elf = ElfFile.open(binary)) {
            return sid(DebugFileSearch.buildIdPath(elf.buildId().orElseThrow()).substring(1));
        }
    }

    static Path libpython(String version) {
        Path lib = pyenvRoot().resolve("versions").resolve(version).resolve("lib");
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().matches("libpython\\d\\.\\d+m?\\.so\\.1\\.0"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no libpython*.so.1.0 in " + lib));
        } catch (IOException e) {
            throw new AssertionError("pyenv Python " + version + " is not installed: " + e.getMessage(), e);
        }
    }
}
