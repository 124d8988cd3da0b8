package dev.pyprobe.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Python interpreters installed on this machine, found rather than named: pyenv's builds
 * ({@code ROOT/versions/X.Y.Z/bin/python}) and the system's {@code python3.N} executables on {@code PATH}.
 * The benches measure these by default.
 */
final class InstalledInterpreters {
    /** How the option descriptions and skip messages name the system's interpreters. */
    static final String SYSTEM = "the system's python3.N";

    private static final Pattern SYSTEM_NAME = Pattern.compile("python3\\.\\d+");
    /** A version directory's name: dotted numbers, then anything (e.g. {@code 3.13.0}, {@code 3.14-dev}). */
    private static final Pattern VERSION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})*)(.*)");
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private final Path pyenvRoot;
    private final List<Path> searchPath;

    InstalledInterpreters(Path pyenvRoot, List<Path> searchPath) {
        this.pyenvRoot = pyenvRoot;
        this.searchPath = List.copyOf(searchPath);
    }

    /** The benches' default: pyenv's builds, then the system's; says on {@code out} what it found none of. */
    static List<String> find(PrintWriter out) {
        InstalledInterpreters installed = onThisMachine();
        List<Path> pyenv = installed.pyenv();
        if (pyenv.isEmpty()) {
            out.printf("skipped pyenv: no version with bin/python under %s%n", installed.pyenvVersions());
        }
        List<Path> system = installed.system();
        if (system.isEmpty()) {
            out.printf("skipped %s: none on PATH%n", SYSTEM);
        }
        return Stream.concat(pyenv.stream(), system.stream()).map(Path::toString).toList();
    }

    /** Looks where this process would: pyenv's root, and the directories of {@code $PATH}. */
    static InstalledInterpreters onThisMachine() {
        return new InstalledInterpreters(findPyenvRoot(), pathDirectories());
    }

    /** Where pyenv keeps its builds, {@code ROOT/versions}, whether or not it exists. */
    Path pyenvVersions() {
        return pyenvRoot.resolve("versions");
    }

    /** Every {@code ROOT/versions/V/bin/python} that is executable, oldest version first. */
    List<Path> pyenv() {
        try (Stream<Path> versions = Files.list(pyenvVersions())) {
            return versions
                    .sorted(Comparator.comparing(v -> v.getFileName().toString(), InstalledInterpreters::byVersion))
                    .map(v -> v.resolve("bin/python"))
                    .filter(Files::isExecutable)
                    .toList();
        } catch (IOException e) {
            return List.of(); // no pyenv here
        }
    }

    /** pyenv's {@code SERIES.N} build with the highest N, e.g. 3.12.1 for series 3.12. */
    Optional<Path> newestPyenv(String series) {
        String prefix = series + ".";
        return pyenv().stream()
                .filter(python -> {
                    String version = python.getParent().getParent().getFileName().toString();
                    return version.startsWith(prefix) && version.substring(prefix.length()).matches("\\d+");
                })
                .reduce((older, newer) -> newer);
    }

    /**
     * The {@code python3.N} executables in the search path's directories, lowest N first; of two with one
     * name, the one earlier in the path (the one a shell would run). Only ELF files count: version managers
     * put same-named shell-script shims on {@code PATH} (pyenv's are listed from its versions instead).
     */
    List<Path> system() {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path dir : searchPath) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> SYSTEM_NAME.matcher(f.getFileName().toString()).matches())
                        .filter(f -> !byName.containsKey(f.getFileName().toString()))
                        .filter(f -> Files.isExecutable(f) && isElf(f))
                        .forEach(f -> byName.put(f.getFileName().toString(), f));
            } catch (IOException e) {
                // A PATH entry that is missing or unreadable has nothing to offer.
            }
        }
        return byName.values().stream()
                .sorted(Comparator.comparing(f -> f.getFileName().toString().substring("python".length()),
                        InstalledInterpreters::byVersion))
                .toList();
    }

    /** What {@code pyenv root} says, else {@code $PYENV_ROOT}, else {@code ~/.pyenv}. */
    static Path findPyenvRoot() {
        try {
            Process pyenv = new ProcessBuilder("pyenv", "root").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String root = new String(pyenv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (pyenv.waitFor() == 0 && !root.isEmpty()) {
                return Path.of(root);
            }
        } catch (IOException e) {
            // No pyenv on PATH: fall back to where it would be.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String env = System.getenv("PYENV_ROOT");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".pyenv");
    }

    /** The directories of {@code $PATH}; without one, the standard places of installed programs. */
    private static List<Path> pathDirectories() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            Arrays.stream(path.split(":")).filter(d -> !d.isEmpty()).map(Path::of).forEach(dirs::add);
        }
        return dirs.isEmpty() ? List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin")) : dirs;
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF_MAGIC.length), ELF_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Orders version strings by their dotted numbers (3.9.18 before 3.10.13, which a plain string order
     * gets wrong), then by what follows them; names without a version come last, by name.
     */
    static int byVersion(String a, String b) {
        Matcher ma = VERSION.matcher(a);
        Matcher mb = VERSION.matcher(b);
        boolean va = ma.matches();
        boolean vb = mb.matches();
        if (va != vb) {
            return va ? -1 : 1;
        }
        if (!va) {
            return a.compareTo(b);
        }
        int[] na = Arrays.stream(ma.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] nb = Arrays.stream(mb.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
        int byNumbers = Arrays.compare(na, nb);
        return byNumbers != 0 ? byNumbers : ma.group(2).compareTo(mb.group(2));
    }
}
