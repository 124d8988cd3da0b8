package dev.pyprobe.reader.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The interpreters every test suite of the project runs against, in one place for every module:
 * the pyenv builds every machine has, Debian's own python3.11 (static, stripped, with USDT
 * probes), and Debian sid's python3.13/3.14/3.15 and their debug builds, which run as a container
 * runs them (their own root and PID namespace: scripts/sid/in-container). With {@code CI=true} a
 * missing one fails the test that asks for the list: the suites compare against real processes
 * and must not shrink silently; elsewhere it is left out with a line that says so.
 *
 * <p>An interpreter is named by the executable that starts it; for the sid ones that is a
 * launcher whose process is not the Python process: {@link #targetPid} finds the latter.
 */
public final class SuitePythons {
    public static final List<String> PYENV_VERSIONS = List.of("2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18",
            "3.10.13", "3.11.7", "3.12.1", "3.13.0");
    /** Debian's own build: the one with USDT probes, and the one without .symtab. */
    public static final String DEBIAN_PYTHON = "/usr/bin/python3.11";

    /** The sid builds, as scripts/sid names their launchers: release and debug of each version. */
    public static final List<String> SID_PYTHONS = List.of("python3.13", "python3.13d", "python3.14", "python3.14d",
            "python3.15", "python3.15d");
    /** Where scripts/install-sid-root builds the root the sid launchers run in. */
    public static final Path SID_ROOT = Path.of(System.getenv().getOrDefault("PYPROBE_SID_ROOT",
            "/var/cache/pyprobe/sid-root"));

    private static final Path ROOT = findPyenvRoot();
    private static final Path CHECKOUT = findCheckout();

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

    /** The launcher of a sid build, e.g. {@code sid("python3.15")}: scripts/sid/python3.15 of the checkout. */
    public static String sid(String name) {
        return CHECKOUT.resolve("scripts/sid").resolve(name).toString();
    }

    /**
     * Every interpreter of the suite, whether installed or not: pyenv's, Debian's, then sid's.
     * {@code PYPROBE_PYTHONS} (comma-separated: a pyenv version, {@code /usr/bin/python3.11}, a sid
     * launcher's name such as {@code python3.13d}) keeps only those, to run one build's cases.
     */
    public static List<String> all() {
        List<String> out = new ArrayList<>();
        PYENV_VERSIONS.forEach(v -> out.add(pyenv(v)));
        out.add(DEBIAN_PYTHON);
        SID_PYTHONS.forEach(name -> out.add(sid(name)));
        return out.stream().filter(SuitePythons::chosen).toList();
    }

    /** Whether {@code PYPROBE_PYTHONS} keeps the interpreter {@code python} starts (all, when it is unset). */
    public static boolean chosen(String python) {
        String chosen = System.getenv("PYPROBE_PYTHONS");
        if (chosen == null || chosen.isBlank()) {
            return true;
        }
        return List.of(chosen.split(",")).stream().anyMatch(n -> isNamed(python, n.trim()));
    }

    /** Whether the interpreter runs in a container of its own (a sid launcher). */
    public static boolean inContainer(String python) {
        return Path.of(python).startsWith(CHECKOUT.resolve("scripts/sid"));
    }

    /**
     * For a test that needs {@code python}: with CI=true a missing one fails the test; elsewhere
     * the test is skipped with one visible line that says how to install it.
     */
    public static void requireInstalled(String python) {
        if (isInstalled(python)) {
            return;
        }
        String why = python + " is not installed here (" + (inContainer(python)
                ? "scripts/install-sid-root builds the sid root at " + SID_ROOT : "scripts/install-deps installs it") + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI needs it: " + why);
        }
        System.out.println("[pyprobe tests] skipped: " + why);
        Assumptions.abort(why);
    }

    /** Whether the interpreter can run here: its executable, or for a sid launcher the build in the root. */
    public static boolean isInstalled(String python) {
        if (inContainer(python)) {
            return Files.isExecutable(SID_ROOT.resolve("usr/bin").resolve(Path.of(python).getFileName()));
        }
        return Files.isExecutable(Path.of(python));
    }

    /**
     * The host PID of the Python process that {@code started} (begun with an interpreter of the
     * suite) runs: the process itself, or for a container launcher its child, once it exists.
     */
    public static long targetPid(Process started, String python) {
        return inContainer(python) ? ContainerProcesses.innermost(started.toHandle()) : started.pid();
    }

    /** How a program of the checkout is named inside the interpreter's root (the checkout is /src in a container). */
    public static String pathInTarget(String python, Path hostPath) {
        Path absolute = hostPath.toAbsolutePath().normalize();
        if (inContainer(python) && absolute.startsWith(CHECKOUT)) {
            return Path.of("/src").resolve(CHECKOUT.relativize(absolute)).toString();
        }
        return absolute.toString();
    }

    /** The interpreters of the suite that are installed; with CI=true, all of them or an error. */
    public static List<String> installed() {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String python : all()) {
            (isInstalled(python) ? present : missing).add(python);
        }
        if (!missing.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI needs every interpreter of the suite; missing: " + missing
                        + " (scripts/install-deps, pyenv, scripts/install-sid-root)");
            }
            System.out.println("[pyprobe tests] interpreters not installed, left out: " + missing);
        }
        return present;
    }

    private static boolean isNamed(String python, String name) {
        return python.equals(name) || python.equals(pyenv(name)) || inContainer(python) && python.equals(sid(name));
    }

    /** $PYPROBE_REPO, else the nearest parent of the working directory with scripts/sid. */
    private static Path findCheckout() {
        String env = System.getenv("PYPROBE_REPO");
        if (env != null && Files.isDirectory(Path.of(env, "scripts/sid"))) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scripts/sid"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the pyprobe checkout (set PYPROBE_REPO)");
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
