package dev.pyprobe.reader.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The interpreters every test suite of the project runs against, in one place for every module:
 * the pyenv builds every machine has and Debian's own python3.11 (static, stripped, with USDT
 * probes). With {@code CI=true} a missing one fails the test that asks for the list: the suites
 * compare against real processes and must not shrink silently; elsewhere it is left out with a
 * line that says so.
 */
public final class SuitePythons {
    public static final List<String> PYENV_VERSIONS = List.of("2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18",
            "3.10.13", "3.11.7", "3.12.1", "3.13.0");
    /** Debian's own build: the one with USDT probes, and the one without .symtab. */
    public static final String DEBIAN_PYTHON = "/usr/bin/python3.11";

    private static final Path ROOT = findPyenvRoot();

    private SuitePythons() {
    }

    /** $PYENV_ROOT, else what {@code pyenv root} says, else ~/.pyenv. */
    public static Path pyenvRoot() {
        return ROOT;
    }

    /** {@code ROOT/versions/VERSION/bin/python}. */
    public static String pyenv(String version) {
        return ROOT.resolve("versions").resolve(version).resolve("bin/python").toString();
    }

    /** Every interpreter of the suite, whether installed or not: pyenv's, then Debian's. */
    public static List<String> all() {
        List<String> out = new ArrayList<>();
        PYENV_VERSIONS.forEach(v -> out.add(pyenv(v)));
        out.add(DEBIAN_PYTHON);
        return out;
    }

    /** The interpreters of the suite that are installed; with CI=true, all of them or an error. */
    public static List<String> installed() {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String python : all()) {
            (Files.isExecutable(Path.of(python)) ? present : missing).add(python);
        }
        if (!missing.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI needs every interpreter of the suite; missing: " + missing
                        + " (scripts/install-deps, pyenv)");
            }
            System.out.println("[pyprobe tests] interpreters not installed, left out: " + missing);
        }
        return present;
    }

    private static Path findPyenvRoot() {
        String env = System.getenv("PYENV_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Process p = new ProcessBuilder("pyenv", "root").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = p.getInputStream()) {
                String root = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() == 0 && !root.isEmpty()) {
                    return Path.of(root);
                }
            }
        } catch (IOException e) {
            // pyenv is not on PATH: its default root below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Path.of(System.getProperty("user.home"), ".pyenv");
    }
}
