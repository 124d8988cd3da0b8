package dev.pyprobe.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the pyprobe checkout the tests run from. */
public final class Repository {
    private static final Path ROOT = findRoot();

    private Repository() {
    }

    public static Path root() {
        return ROOT;
    }

    /** A fixture program in tests/fixtures. */
    public static Path fixture(String fileName) {
        Path script = ROOT.resolve("tests/fixtures").resolve(fileName);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no fixture " + script);
        }
        return script;
    }

    /** The command-line launcher at the top of the checkout. */
    public static Path launcher() {
        return ROOT.resolve("pyprobe");
    }

    /** $PYPROBE_REPO (set by the build), else the nearest parent of the working directory with tests/fixtures. */
    private static Path findRoot() {
        String env = System.getenv("PYPROBE_REPO");
        if (env != null && Files.isDirectory(Path.of(env, "tests/fixtures"))) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tests/fixtures"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the pyprobe checkout (set PYPROBE_REPO)");
    }
}
