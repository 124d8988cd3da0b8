package dev.pyprobe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery checked against this machine's own installs (found here independently, by listing
 * {@code $(pyenv root)/versions}), and against a made-up install for the order and the shims.
 */
class InstalledInterpretersTest {
    /** Debian's build, on every machine of the project. */
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3.11");

    private final InstalledInterpreters installed = InstalledInterpreters.onThisMachine();

    @Test
    void findsEveryPyenvVersionWithAnExecutablePython() throws Exception {
        Path versions = pyenvRoot().resolve("versions");
        List<Path> expected;
        try (Stream<Path> s = Files.list(versions)) {
            expected = s.map(v -> v.resolve("bin/python")).filter(Files::isExecutable).toList();
        }

        assertThat(expected).as("pyenv versions with bin/python under %s", versions).isNotEmpty();
        assertThat(installed.pyenvVersions()).isEqualTo(versions);
        assertThat(installed.pyenv()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(installed.pyenv()).isSortedAccordingTo(Comparator.comparing(
                (Path p) -> p.getParent().getParent().getFileName().toString(), InstalledInterpreters::byVersion));
    }

    @Test
    void newestPyenvOfASeriesIsItsHighestPatchRelease() throws Exception {
        Path versions = pyenvRoot().resolve("versions");
        List<Path> series;
        try (Stream<Path> s = Files.list(versions)) {
            series = s.filter(v -> v.getFileName().toString().matches("3\\.12\\.\\d+"))
                    .sorted(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().substring(5))))
                    .map(v -> v.resolve("bin/python")).filter(Files::isExecutable).toList();
        }
        Assumptions.assumeFalse(series.isEmpty(), "no pyenv 3.12.N under " + versions);

        assertThat(installed.newestPyenv("3.12")).contains(series.get(series.size() - 1));
    }

    @Test
    void findsDebiansPython311() {
        Assumptions.assumeTrue(Files.isExecutable(DEBIAN_PYTHON), DEBIAN_PYTHON + " is not installed");

        assertThat(installed.system()).contains(DEBIAN_PYTHON);
        assertThat(installed.system()).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("python3\\.\\d+"));
    }

    @Test
    void ordersByVersionAndSkipsShimsAndOtherNames(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("pyenv");
        for (String version : List.of("3.10.13", "3.9.18", "2.7.18", "3.12.1", "3.12.0")) {
            executable(root.resolve("versions").resolve(version).resolve("bin/python"), true);
        }
        Files.createDirectories(root.resolve("versions/3.11.7/bin")); // no python: a broken install
        Path shims = dir.resolve("shims");
        Path bin = dir.resolve("bin");
        executable(shims.resolve("python3.11"), false);
        for (String name : List.of("python3.11", "python3.9", "python3", "python3.11-config")) {
            executable(bin.resolve(name), true);
        }

        InstalledInterpreters made = new InstalledInterpreters(root, List.of(shims, dir.resolve("missing"), bin));

        assertThat(made.pyenv()).extracting(p -> p.getParent().getParent().getFileName().toString())
                .containsExactly("2.7.18", "3.9.18", "3.10.13", "3.12.0", "3.12.1");
        assertThat(made.newestPyenv("3.12")).contains(root.resolve("versions/3.12.1/bin/python"));
        assertThat(made.newestPyenv("3.11")).isEmpty();
        assertThat(made.system()).containsExactly(bin.resolve("python3.9"), bin.resolve("python3.11"));
    }

    /** {@code $(pyenv root)}; without pyenv the test is skipped, or fails in CI, where pyenv must be. */
    private static Path pyenvRoot() throws Exception {
        String root = "";
        try {
            Process pyenv = new ProcessBuilder("pyenv", "root").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            root = new String(pyenv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (pyenv.waitFor() != 0) {
                root = "";
            }
        } catch (IOException e) {
            // pyenv is not on PATH
        }
        boolean present = !root.isEmpty() && Files.isDirectory(Path.of(root, "versions"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("pyenv must be installed in CI, with $(pyenv root)/versions (scripts/install-deps)")
                    .isTrue();
        }
        Assumptions.assumeTrue(present, "pyenv is not installed");
        return Path.of(root);
    }

    /** An executable file: an ELF one (its magic is all discovery reads), else a shell-script shim. */
    private static void executable(Path file, boolean elf) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, elf ? new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1} : "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
