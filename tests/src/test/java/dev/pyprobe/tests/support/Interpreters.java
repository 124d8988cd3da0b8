package dev.pyprobe.tests.support;

import dev.pyprobe.reader.testing.SuitePythons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Python interpreters installed here: pyenv builds, Debian's /usr/bin/python3.11, and Debian
 * sid's builds run as containers (scripts/sid).
 * With CI=true every expected interpreter that is missing still appears, so that each test that
 * would use it fails instead of silently running on fewer versions.
 */
public final class Interpreters {
    static final String DEBIAN_KEY = "debian-3.11";

    /** Every interpreter of the suite ({@link SuitePythons}), by key: the pyenv series, Debian's, sid's. */
    public static final List<String> EXPECTED = expected();
    private static final Path DEBIAN_PYTHON = Path.of(SuitePythons.DEBIAN_PYTHON);

    private static final List<Interpreter> INSTALLED = discover();

    private Interpreters() {
    }

    /** The interpreters found on this machine, oldest first, Debian's last. */
    public static List<Interpreter> installed() {
        return INSTALLED;
    }

    /** Source of parameterized tests: installed ones, plus the missing ones when CI=true. */
    public static List<Interpreter> all() {
        if (!ci()) {
            return INSTALLED;
        }
        List<Interpreter> all = new ArrayList<>(INSTALLED);
        missing().forEach(key -> all.add(Interpreter.missing(key)));
        return List.copyOf(all);
    }

    /** Expected keys with no installed interpreter. */
    public static List<String> missing() {
        Set<String> present = INSTALLED.stream().map(Interpreter::key).collect(Collectors.toSet());
        return EXPECTED.stream().filter(key -> !present.contains(key)).toList();
    }

    public static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** The suite's keys, less those PYPROBE_PYTHONS leaves out ({@link SuitePythons#chosen}). */
    private static List<String> expected() {
        List<String> keys = new ArrayList<>();
        SuitePythons.PYENV_VERSIONS.stream().filter(v -> SuitePythons.chosen(SuitePythons.pyenv(v)))
                .forEach(v -> keys.add(series(v)));
        if (SuitePythons.chosen(SuitePythons.DEBIAN_PYTHON)) {
            keys.add(DEBIAN_KEY);
        }
        SuitePythons.SID_PYTHONS.stream().filter(name -> SuitePythons.chosen(SuitePythons.sid(name)))
                .forEach(name -> keys.add(sidKey(name)));
        return List.copyOf(keys);
    }

    private static List<Interpreter> discover() {
        List<Interpreter> found = new ArrayList<>(pyenvBuilds(pyenvRoot().resolve("versions")));
        if (Files.isExecutable(DEBIAN_PYTHON)) {
            found.add(new Interpreter(DEBIAN_KEY, "debian 3.11 (" + DEBIAN_PYTHON + ")", DEBIAN_PYTHON));
        }
        for (String name : SuitePythons.SID_PYTHONS) {
            String launcher = SuitePythons.sid(name);
            if (SuitePythons.isInstalled(launcher)) {
                found.add(new Interpreter(sidKey(name), "sid " + name + " (container)", Path.of(launcher)));
            }
        }
        found.removeIf(i -> !SuitePythons.chosen(i.executable().toString()));
        return List.copyOf(found);
    }

    /** "python3.15d" to "sid-3.15d". */
    private static String sidKey(String name) {
        return "sid-" + name.substring("python".length());
    }

    private static List<Interpreter> pyenvBuilds(Path versions) {
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.filter(dir -> Files.isExecutable(dir.resolve("bin/python")))
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> name.matches("\\d+\\.\\d+\\.\\d+"))
                    .sorted(Comparator.comparing(Interpreters::versionNumbers, Interpreters::compareVersions))
                    .map(name -> new Interpreter(series(name), "pyenv " + name, versions.resolve(name).resolve("bin/python")))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + versions, e);
        }
    }

    private static Path pyenvRoot() {
        return SuitePythons.pyenvRoot();
    }

    private static String series(String version) {
        int[] v = versionNumbers(version);
        return v[0] + "." + v[1];
    }

    private static int[] versionNumbers(String version) {
        String[] parts = version.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
