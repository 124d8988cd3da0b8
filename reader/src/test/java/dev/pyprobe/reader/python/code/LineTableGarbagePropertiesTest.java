package dev.pyprobe.reader.python.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** No table, however corrupt, makes a decoder throw, hang or contradict itself. */
class LineTableGarbagePropertiesTest {
    private static final Duration GENEROUS = Duration.ofSeconds(5);

    @Property(tries = 3000)
    void anyTableDecodesConsistently(@ForAll LineTableFormat format,
                                     @ForAll("tables") byte[] table,
                                     @ForAll("firstLines") int firstLine,
                                     @ForAll int anyOffset,
                                     @ForAll @IntRange(min = -4, max = 5000) int nearOffset) {
        // Preemptive, so that a decoder that loops forever fails the property instead of hanging.
        assertTimeoutPreemptively(GENEROUS, () -> checkConsistency(format.decoder(), table, firstLine, anyOffset, nearOffset));
    }

    private static void checkConsistency(LineTableDecoder decoder, byte[] table, int firstLine, int anyOffset, int nearOffset) {
        List<LineRange> ranges = decoder.ranges(table, firstLine);

        // Ranges tile the bytecode from 0, each at least one byte, and each consumed table bytes.
        assertThat(ranges.size()).isLessThanOrEqualTo(table.length + 1);
        int expectedStart = 0;
        for (int i = 0; i < ranges.size(); i++) {
            LineRange range = ranges.get(i);
            assertThat(range.start()).isEqualTo(expectedStart);
            assertThat(range.end()).isGreaterThan(range.start());
            assertThat(range.line()).isGreaterThanOrEqualTo(LineRange.NO_LINE);
            if (i > 0) {
                assertThat(range.line()).as("merged").isNotEqualTo(ranges.get(i - 1).line());
            }
            expectedStart = range.end();
        }

        for (int offset : new int[] {anyOffset, nearOffset}) {
            int line = decoder.line(table, firstLine, offset);
            assertThat(line).isEqualTo(expectedLine(ranges, firstLine, offset));
        }

        for (LineRange range : ranges) {
            int first = decoder.firstOffsetOfLine(table, firstLine, range.line());
            if (range.hasLine()) {
                assertThat(first).isLessThanOrEqualTo(range.start());
                assertThat(decoder.line(table, firstLine, first)).isEqualTo(range.line());
            } else {
                assertThat(first).isEqualTo(-1);
            }
        }
    }

    private static int expectedLine(List<LineRange> ranges, int firstLine, int offset) {
        if (offset < 0) {
            return firstLine >= 0 ? firstLine : LineRange.NO_LINE;
        }
        return ranges.stream()
                .filter(r -> r.start() <= offset && offset < r.end())
                .mapToInt(LineRange::line)
                .findFirst()
                .orElse(LineRange.NO_LINE);
    }

    /** Uniform noise, and noise shaped like the formats (entry starts with bit 7, small deltas). */
    @Provide
    Arbitrary<byte[]> tables() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> entryLike = Arbitraries.oneOf(
                        Arbitraries.bytes().between((byte) 0x80, (byte) 0xFF),
                        Arbitraries.bytes().between((byte) 0x00, (byte) 0x7F),
                        Arbitraries.of((byte) 0x00, (byte) 0x80, (byte) 0x41, (byte) 0x7F, (byte) 0xFF))
                .array(byte[].class).ofMaxSize(400);
        return Arbitraries.oneOf(noise, entryLike);
    }

    @Provide
    Arbitrary<Integer> firstLines() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 100_000), Arbitraries.integers());
    }
}
