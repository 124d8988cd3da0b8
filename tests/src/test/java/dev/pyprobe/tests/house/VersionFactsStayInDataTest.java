package dev.pyprobe.tests.house;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.pyprobe.tests.support.Repository;
import org.junit.jupiter.api.Test;

/**
 * Per-version facts live in the layout data ({@code layouts.json}) and the classes that read it:
 * shipped code elsewhere must not test the Python version or carry a version number. A new
 * CPython version is then one data entry plus tests. This walks the main sources of every module
 * and fails on a version test or literal outside the places allowed below.
 */
class VersionFactsStayInDataTest {
    /** Version tests and literals: comparisons of the version, version strings, string-model names. */
    private static final List<Pattern> VERSION_FACTS = List.of(
            Pattern.compile("\\.atLeast\\s*\\("),
            Pattern.compile("\\.(major|minor|micro)\\(\\)\\s*(==|!=|<=|>=|<|>)"),
            Pattern.compile("(==|!=|<=|>=|<|>)\\s*\\w+\\.(major|minor|micro)\\(\\)"),
            Pattern.compile("\"(2\\.7|3\\.\\d{1,2})(\\.\\d+)?\""),
            Pattern.compile("series\\(\\)\\.equals"));

    /** File (relative to the repository) to the one line fragment that may match there, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "reader/src/main/java/dev/pyprobe/reader/python/PythonVersion.java",
            "the version type itself",
            "reader/src/main/java/dev/pyprobe/reader/python/attach/VersionDetector.java",
            "reads the version from the target",
            "server/src/main/java/dev/pyprobe/server/cli/TraceBenchCommand.java",
            "the benchmark's default interpreter series, a choice of target, not a version fact");

    @Test
    void noVersionTestOrNumberOutsideTheLayoutData() throws IOException {
        Path repo = Repository.root();
        List<String> found = new ArrayList<>();
        for (String module : List.of("reader", "server")) {
            Path sources = repo.resolve(module).resolve("src/main/java");
            assertThat(sources).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String relative = repo.relativize(file).toString();
                    if (ALLOWED.containsKey(relative)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        for (Pattern p : VERSION_FACTS) {
                            Matcher m = p.matcher(lines.get(i));
                            if (m.find()) {
                                found.add(relative + ":" + (i + 1) + ": " + lines.get(i).trim());
                            }
                        }
                    }
                }
            }
        }
        assertThat(found).as("version tests or numbers outside the layout data; put the fact in layouts.json "
                + "(and the Layout record) instead").isEmpty();
    }

    @Test
    void theCheckSeesAVersionTestWhereThereIsOne() {
        String line = "if (version.minor() >= 12 && \"3.11\".equals(x)) {";
        assertThat(VERSION_FACTS.stream().filter(p -> p.matcher(line).find()).count()).isEqualTo(2);
    }

}
