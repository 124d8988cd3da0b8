package dev.pyprobe.reader.python.code;

import static dev.pyprobe.reader.python.code.LineTableFormat.LINETABLE_310;
import static dev.pyprobe.reader.python.code.LineTableFormat.LNOTAB_SIGNED;
import static dev.pyprobe.reader.python.code.LineTableFormat.LNOTAB_UNSIGNED;
import static dev.pyprobe.reader.python.code.LineTableFormat.LOCATIONS_311;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The decoders against what the real interpreters (2.7, 3.6-3.13) say about the tables they
 * compiled: see {@code src/test/resources/linetables/generate.py}.
 */
class LineTableKnownTablesTest {
    /** The test's own copy of the version-to-format mapping; production reads it from layout data. */
    private static final Map<String, LineTableFormat> FORMAT_OF_SERIES = Map.ofEntries(
            entry("2.7", LNOTAB_UNSIGNED),
            entry("3.6", LNOTAB_SIGNED), entry("3.7", LNOTAB_SIGNED),
            entry("3.8", LNOTAB_SIGNED), entry("3.9", LNOTAB_SIGNED),
            entry("3.10", LINETABLE_310),
            entry("3.11", LOCATIONS_311), entry("3.12", LOCATIONS_311), entry("3.13", LOCATIONS_311));
    /** co_lines() merges adjacent ranges of one line from 3.12 on. */
    private static final Set<String> CO_LINES_MERGED = Set.of("3.12", "3.13");
    private static final int REPORTED_MISMATCHES = 20;

    private static final List<List<KnownTable>> ALL = KnownTable.loadAll();

    @Test
    void everyInstalledSeriesHasKnownTables() {
        Set<String> series = ALL.stream().map(tables -> tables.get(0).series()).collect(Collectors.toSet());
        assertThat(series).containsExactlyInAnyOrderElementsOf(FORMAT_OF_SERIES.keySet());
        assertThat(ALL).allSatisfy(tables -> assertThat(tables).hasSizeGreaterThan(200));
    }

    @TestFactory
    Stream<DynamicTest> lineOfEveryByteOffsetIsTheInterpreters() {
        return perInterpreter((known, mismatches) -> {
            LineTableDecoder decoder = formatOf(known).decoder();
            for (int offset = 0; offset < known.lines().length; offset++) {
                int actual = decoder.line(known.table(), known.firstLine(), offset);
                if (actual != known.lines()[offset]) {
                    mismatches.add(known.where() + " offset " + offset + ": expected " + known.lines()[offset] + ", decoded " + actual);
                }
            }
            int beforeStart = decoder.line(known.table(), known.firstLine(), -1);
            if (beforeStart != known.beforeStart()) {
                mismatches.add(known.where() + " offset -1: expected " + known.beforeStart() + ", decoded " + beforeStart);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> firstOffsetOfLineIsTheLowestOffsetWithThatLine() {
        return perInterpreter((known, mismatches) -> {
            Map<Integer, Integer> lowest = new HashMap<>();
            int maxLine = known.firstLine();
            for (int offset = known.lines().length - 1; offset >= 0; offset--) {
                int line = known.lines()[offset];
                if (line >= 0) {
                    lowest.put(line, offset);
                    maxLine = Math.max(maxLine, line);
                }
            }
            LineTableDecoder decoder = formatOf(known).decoder();
            for (int line = Math.max(0, known.firstLine() - 1); line <= maxLine + 1; line++) {
                int actual = decoder.firstOffsetOfLine(known.table(), known.firstLine(), line);
                int expected = lowest.getOrDefault(line, -1);
                if (actual != expected) {
                    mismatches.add(known.where() + " line " + line + ": expected offset " + expected + ", found " + actual);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> rangesHoldTheInterpretersLines() {
        return perInterpreter((known, mismatches) -> {
            List<LineRange> ranges = formatOf(known).decoder().ranges(known.table(), known.firstLine());
            int offset = 0;
            for (LineRange range : ranges) {
                for (; offset < Math.min(range.end(), known.lines().length); offset++) {
                    if (range.line() != known.lines()[offset]) {
                        mismatches.add(known.where() + " offset " + offset + ": expected " + known.lines()[offset] + ", range " + range);
                    }
                }
            }
            for (; offset < known.lines().length; offset++) {
                if (known.lines()[offset] != LineRange.NO_LINE) {
                    mismatches.add(known.where() + " offset " + offset + ": expected " + known.lines()[offset] + ", no range");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> rangesAreCoLines() {
        return ALL.stream()
                .filter(tables -> tables.get(0).coLines() != null)
                .map(tables -> DynamicTest.dynamicTest(tables.get(0).version(), () -> {
                    List<String> mismatches = new ArrayList<>();
                    for (KnownTable known : tables) {
                        List<LineRange> expected = CO_LINES_MERGED.contains(known.series())
                                ? known.coLines() : mergeSameLine(known.coLines());
                        List<LineRange> actual = formatOf(known).decoder().ranges(known.table(), known.firstLine());
                        if (!actual.equals(expected)) {
                            mismatches.add(known.where() + ": expected " + expected + ", decoded " + actual);
                        }
                    }
                    assertNone(mismatches);
                }));
    }

    /** Proves the data can tell a wrong format mapping: every other format misreads each interpreter. */
    @TestFactory
    Stream<DynamicTest> everyOtherFormatMisreadsTheTables() {
        return ALL.stream().map(tables -> DynamicTest.dynamicTest(tables.get(0).version(), () -> {
            LineTableFormat right = formatOf(tables.get(0));
            for (LineTableFormat wrong : LineTableFormat.values()) {
                if (wrong != right) {
                    assertThat(tables).as("%s read as %s", tables.get(0).version(), wrong)
                            .anySatisfy(known -> assertThat(decodeAll(wrong, known)).isNotEqualTo(known.lines()));
                }
            }
        }));
    }

    /** The generated sources must keep producing the cases that break naive decoders. */
    @TestFactory
    Stream<DynamicTest> knownTablesCoverTheHardCases() {
        return ALL.stream().map(tables -> DynamicTest.dynamicTest(tables.get(0).version(), () -> {
            String series = tables.get(0).series();
            assertThat(tables).as("line jump above 255").anySatisfy(t -> assertThat(maxLineJump(t)).isGreaterThan(255));
            assertThat(tables).as("one line over more than 255 bytes").anySatisfy(t -> assertThat(longestRun(t)).isGreaterThan(255));
            assertThat(tables).as("first line above 4000").anySatisfy(t -> assertThat(t.firstLine()).isGreaterThan(4000));
            assertThat(tables).as("bytecode above 8 KiB").anySatisfy(t -> assertThat(t.codeSize()).isGreaterThan(8192));
            if (!series.equals("2.7")) {
                assertThat(tables).as("line going backwards").anySatisfy(t -> assertThat(goesBackwards(t)).isTrue());
            }
            if (FORMAT_OF_SERIES.get(series).ordinal() >= LINETABLE_310.ordinal()) {
                assertThat(tables).as("instruction without a line")
                        .anySatisfy(t -> assertThat(java.util.Arrays.stream(t.lines(), 0, t.codeSize())).contains(LineRange.NO_LINE));
            }
        }));
    }

    private static Stream<DynamicTest> perInterpreter(java.util.function.BiConsumer<KnownTable, List<String>> check) {
        return ALL.stream().map(tables -> DynamicTest.dynamicTest(tables.get(0).version(), () -> {
            List<String> mismatches = new ArrayList<>();
            tables.forEach(known -> check.accept(known, mismatches));
            assertNone(mismatches);
        }));
    }

    private static void assertNone(List<String> mismatches) {
        assertThat(mismatches)
                .as("%d mismatches, the first %d shown", mismatches.size(), REPORTED_MISMATCHES)
                .satisfies(list -> assertThat(list.subList(0, Math.min(list.size(), REPORTED_MISMATCHES))).isEmpty());
    }

    private static LineTableFormat formatOf(KnownTable known) {
        LineTableFormat format = FORMAT_OF_SERIES.get(known.series());
        assertThat(format).as("format of %s", known.version()).isNotNull();
        return format;
    }

    private static int[] decodeAll(LineTableFormat format, KnownTable known) {
        int[] lines = new int[known.lines().length];
        for (int offset = 0; offset < lines.length; offset++) {
            lines[offset] = format.decoder().line(known.table(), known.firstLine(), offset);
        }
        return lines;
    }

    private static List<LineRange> mergeSameLine(List<LineRange> ranges) {
        List<LineRange> merged = new ArrayList<>();
        for (LineRange range : ranges) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).line() == range.line() && merged.get(last).end() == range.start()) {
                merged.set(last, new LineRange(merged.get(last).start(), range.end(), range.line()));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    private static int maxLineJump(KnownTable t) {
        int max = 0;
        int previous = t.firstLine();
        for (int i = 0; i < t.codeSize(); i++) {
            if (t.lines()[i] >= 0) {
                max = Math.max(max, Math.abs(t.lines()[i] - previous));
                previous = t.lines()[i];
            }
        }
        return max;
    }

    private static int longestRun(KnownTable t) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < t.codeSize(); i++) {
            run = i > 0 && t.lines()[i] == t.lines()[i - 1] && t.lines()[i] >= 0 ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static boolean goesBackwards(KnownTable t) {
        int previous = -1;
        for (int i = 0; i < t.codeSize(); i++) {
            int line = t.lines()[i];
            if (line >= 0 && previous >= 0 && line < previous) {
                return true;
            }
            previous = line >= 0 ? line : previous;
        }
        return false;
    }
}
