package dev.pyprobe.reader.python.code;

import static dev.pyprobe.reader.python.code.LineRange.NO_LINE;
import static dev.pyprobe.reader.python.code.LineRange.OPEN_END;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-made tables; the expected lines are worked out by hand in the comments. */
class LineTableEdgeCasesTest {

    /** Decodes offsets {@code 0..count-1}. */
    private static int[] lines(LineTableFormat format, int[] table, int firstLine, int count) {
        int[] lines = new int[count];
        for (int offset = 0; offset < count; offset++) {
            lines[offset] = format.decoder().line(bytes(table), firstLine, offset);
        }
        return lines;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** {@code count} copies of {@code line}, then the rest, to spell out expected offsets. */
    private static int[] repeat(int[]... runs) {
        return java.util.Arrays.stream(runs)
                .flatMapToInt(run -> java.util.stream.IntStream.generate(() -> run[1]).limit(run[0]))
                .toArray();
    }

    private static int[] run(int count, int line) {
        return new int[] {count, line};
    }

    @Nested
    class Lnotab {
        // The example of Objects/lnotab_notes.txt, first line 1: rows (offset, line) (0,1) (6,2)
        // (50,7) (350,207) (361,208), encoded as (6,1) (44,5) (255,0) (45,127) (0,73) (11,1):
        // the 300-byte step is split with line increment 0 first, the 200-line step into 127+73
        // with an address increment of 0.
        private final int[] notesExample = {6, 1, 44, 5, 255, 0, 45, 127, 0, 73, 11, 1};

        @Test
        void notesExampleInBothFlavours() {
            int[] expected = repeat(run(6, 1), run(44, 2), run(300, 7), run(11, 207), run(20, 208));
            assertThat(lines(LineTableFormat.LNOTAB_UNSIGNED, notesExample, 1, 381)).containsExactly(expected);
            assertThat(lines(LineTableFormat.LNOTAB_SIGNED, notesExample, 1, 381)).containsExactly(expected);
        }

        @Test
        void notesExampleRangesEndOpen() {
            // (255,0) only splits the address step: 50..349 stays one range of line 7.
            assertThat(LineTableFormat.LNOTAB_SIGNED.decoder().ranges(bytes(notesExample), 1)).containsExactly(
                    new LineRange(0, 6, 1), new LineRange(6, 50, 2), new LineRange(50, 350, 7),
                    new LineRange(350, 361, 207), new LineRange(361, OPEN_END, 208));
        }

        // first line 100, pairs (6,1) (0,0xC8) (10,1):
        //   offsets 0-5: 100.  At 6: +1 and, with no address step, +0xC8 on the same offset.
        //   unsigned (2.7): 0xC8 = +200, so 6-15: 301, 16-: 302.
        //   signed (3.6+):  0xC8 = -56,  so 6-15: 45,  16-: 46.
        //   Line 101 covers no byte: its range is empty.
        private final int[] bigIncrement = {6, 1, 0, 0xC8, 10, 1};

        @Test
        void lineIncrementAbove127IsUnsignedIn27AndNegativeFrom36() {
            assertThat(lines(LineTableFormat.LNOTAB_UNSIGNED, bigIncrement, 100, 20))
                    .containsExactly(repeat(run(6, 100), run(10, 301), run(4, 302)));
            assertThat(lines(LineTableFormat.LNOTAB_SIGNED, bigIncrement, 100, 20))
                    .containsExactly(repeat(run(6, 100), run(10, 45), run(4, 46)));
        }

        @Test
        void zeroLengthPairsGiveNoOffsetToTheirLine() {
            LineTableDecoder decoder = LineTableFormat.LNOTAB_UNSIGNED.decoder();
            assertThat(decoder.firstOffsetOfLine(bytes(bigIncrement), 100, 101)).isEqualTo(-1);
            assertThat(decoder.firstOffsetOfLine(bytes(bigIncrement), 100, 301)).isEqualTo(6);
            assertThat(decoder.firstOffsetOfLine(bytes(bigIncrement), 100, 302)).isEqualTo(16);
        }

        @Test
        void firstPairWithoutAddressStepMovesTheFirstLine() {
            // (0,5) (4,1), first line 10: offset 0 is already line 15; 4-: 16.
            assertThat(lines(LineTableFormat.LNOTAB_SIGNED, new int[] {0, 5, 4, 1}, 10, 6))
                    .containsExactly(15, 15, 15, 15, 16, 16);
            assertThat(LineTableFormat.LNOTAB_SIGNED.decoder().firstOffsetOfLine(bytes(0, 5, 4, 1), 10, 10)).isEqualTo(-1);
        }

        @Test
        void lineGoingBackwardsAfterALoop() {
            // first line 50, (4,2) (6,0xFD): 0-3: 50, 4-9: 52, 10-: 52-3 = 49.
            assertThat(lines(LineTableFormat.LNOTAB_SIGNED, new int[] {4, 2, 6, 0xFD}, 50, 12))
                    .containsExactly(50, 50, 50, 50, 52, 52, 52, 52, 52, 52, 49, 49);
            assertThat(LineTableFormat.LNOTAB_SIGNED.decoder().firstOffsetOfLine(bytes(4, 2, 6, 0xFD), 50, 49)).isEqualTo(10);
        }

        @Test
        void minus128IsAnOrdinaryDecrementInLnotab() {
            // first line 200, (2,0x80): 0-1: 200, 2-: 200-128 = 72.
            assertThat(lines(LineTableFormat.LNOTAB_SIGNED, new int[] {2, 0x80}, 200, 4)).containsExactly(200, 200, 72, 72);
        }

        @Test
        void emptyOrOddTableKeepsTheFirstLineEverywhere() {
            for (LineTableFormat format : List.of(LineTableFormat.LNOTAB_UNSIGNED, LineTableFormat.LNOTAB_SIGNED)) {
                assertThat(lines(format, new int[0], 7, 3)).containsExactly(7, 7, 7);
                // a lone last byte is not a pair and is ignored
                assertThat(lines(format, new int[] {2}, 7, 3)).containsExactly(7, 7, 7);
                assertThat(lines(format, new int[] {2, 1, 9}, 7, 3)).containsExactly(7, 7, 8);
                assertThat(format.decoder().ranges(bytes(), 7)).containsExactly(new LineRange(0, OPEN_END, 7));
            }
        }

        @Test
        void lastLineRunsPastTheTable() {
            assertThat(LineTableFormat.LNOTAB_SIGNED.decoder().line(bytes(4, 1), 1, 1_000_000)).isEqualTo(2);
        }
    }

    @Nested
    class LineTable310 {
        // first line 20, pairs (4,-128) (6,1) (0,5) (2,-128) (8,-2):
        //   [0,4)   -128: no line; the running line stays 20
        //   [4,10)  +1: 21
        //   (0,5)   empty: running line 26, no bytes, skipped
        //   [10,12) -128: no line; running line stays 26
        //   [12,20) -2: 24
        //   20-: past the table, no line
        private final byte[] table = bytes(4, 0x80, 6, 1, 0, 5, 2, 0x80, 8, 0xFE);

        @Test
        void noLineEntriesAndEmptyEntries() {
            int[] expected = repeat(run(4, NO_LINE), run(6, 21), run(2, NO_LINE), run(8, 24), run(4, NO_LINE));
            assertThat(lines(LineTableFormat.LINETABLE_310, toInts(table), 20, 24)).containsExactly(expected);
        }

        @Test
        void rangesSkipEmptyEntries() {
            assertThat(LineTableFormat.LINETABLE_310.decoder().ranges(table, 20)).containsExactly(
                    new LineRange(0, 4, NO_LINE), new LineRange(4, 10, 21),
                    new LineRange(10, 12, NO_LINE), new LineRange(12, 20, 24));
        }

        @Test
        void firstOffsets() {
            LineTableDecoder decoder = LineTableFormat.LINETABLE_310.decoder();
            assertThat(decoder.firstOffsetOfLine(table, 20, 21)).isEqualTo(4);
            assertThat(decoder.firstOffsetOfLine(table, 20, 24)).isEqualTo(12);
            assertThat(decoder.firstOffsetOfLine(table, 20, 26)).isEqualTo(-1); // only an empty entry
            assertThat(decoder.firstOffsetOfLine(table, 20, 20)).isEqualTo(-1); // first line has no bytes
            assertThat(decoder.firstOffsetOfLine(table, 20, NO_LINE)).isEqualTo(-1);
        }

        @Test
        void frameNotStartedIsOnTheFirstLine() {
            assertThat(LineTableFormat.LINETABLE_310.decoder().line(table, 20, -1)).isEqualTo(20);
        }

        @Test
        void trailingEmptyEntryAndOddByte() {
            // (4,1) (0,3) 7: [0,4) line 21; the empty entry and the lone byte add no range.
            assertThat(LineTableFormat.LINETABLE_310.decoder().ranges(bytes(4, 1, 0, 3, 7), 20))
                    .containsExactly(new LineRange(0, 4, 21));
            assertThat(LineTableFormat.LINETABLE_310.decoder().line(bytes(4, 1, 0, 3, 7), 20, 4)).isEqualTo(NO_LINE);
        }

        @Test
        void adjacentRangesOfOneLineMerge() {
            // (2,1) (4,0) (2,-128) (2,-128): [0,6) line 11, [6,10) no line
            assertThat(LineTableFormat.LINETABLE_310.decoder().ranges(bytes(2, 1, 4, 0, 2, 0x80, 2, 0x80), 10))
                    .containsExactly(new LineRange(0, 6, 11), new LineRange(6, 10, NO_LINE));
        }
    }

    @Nested
    class Locations311 {
        // first line 100; each first byte is 0x80 | code << 3 | (units - 1):
        //   F8                       code 15, 1 unit:  [0,2)   no line (running line stays 100)
        //   D9 04 08                 code 11, 2 units: [2,6)   +1 -> 101 (two column bytes)
        //   98 12                    code 3 (short), 1 unit: [6,8) 101
        //   EA 0B                    code 13, 3 units: [8,14)  svarint 0x0B = 11 -> odd -> -5 -> 96
        //   F7 58 09 02 05 46 01     code 14, 8 units: [14,30) svarint 0x58 0x09 = 24 + 9*64 = 600
        //                            -> +300 -> 396; then end-line delta 2, column 5, end column 70
        //   D0 00 03                 code 10, 1 unit:  [30,32) +0 -> 396
        //   E0 01 02                 code 12, 1 unit:  [32,34) +2 -> 398
        //   34-: past the table, no line
        private final byte[] table = bytes(0xF8, 0xD9, 0x04, 0x08, 0x98, 0x12, 0xEA, 0x0B,
                0xF7, 0x58, 0x09, 0x02, 0x05, 0x46, 0x01, 0xD0, 0x00, 0x03, 0xE0, 0x01, 0x02);

        @Test
        void everyKindOfEntry() {
            int[] expected = repeat(run(2, NO_LINE), run(6, 101), run(6, 96), run(18, 396), run(2, 398), run(4, NO_LINE));
            assertThat(lines(LineTableFormat.LOCATIONS_311, toInts(table), 100, 38)).containsExactly(expected);
        }

        @Test
        void rangesMergeAdjacentEntriesOfOneLine() {
            assertThat(LineTableFormat.LOCATIONS_311.decoder().ranges(table, 100)).containsExactly(
                    new LineRange(0, 2, NO_LINE), new LineRange(2, 8, 101), new LineRange(8, 14, 96),
                    new LineRange(14, 32, 396), new LineRange(32, 34, 398));
        }

        @Test
        void firstOffsets() {
            LineTableDecoder decoder = LineTableFormat.LOCATIONS_311.decoder();
            assertThat(decoder.firstOffsetOfLine(table, 100, 101)).isEqualTo(2);
            assertThat(decoder.firstOffsetOfLine(table, 100, 96)).isEqualTo(8);
            assertThat(decoder.firstOffsetOfLine(table, 100, 396)).isEqualTo(14);
            assertThat(decoder.firstOffsetOfLine(table, 100, 398)).isEqualTo(32);
            assertThat(decoder.firstOffsetOfLine(table, 100, 100)).isEqualTo(-1);
        }

        @Test
        void oddOffsetBelongsToItsCodeUnit() {
            assertThat(LineTableFormat.LOCATIONS_311.decoder().line(table, 100, 7)).isEqualTo(101);
            assertThat(LineTableFormat.LOCATIONS_311.decoder().line(table, 100, 13)).isEqualTo(96);
        }

        @Test
        void truncatedVarintEndsTheTable() {
            // first line 7: D8 00 02 = code 11, 1 unit: [0,2) line 8; then E8 41 = code 13 whose
            // varint says "more follows" at the end of the table: corrupt, nothing from offset 2.
            byte[] truncated = bytes(0xD8, 0x00, 0x02, 0xE8, 0x41);
            assertThat(lines(LineTableFormat.LOCATIONS_311, toInts(truncated), 7, 4)).containsExactly(8, 8, NO_LINE, NO_LINE);
            assertThat(LineTableFormat.LOCATIONS_311.decoder().ranges(truncated, 7)).containsExactly(new LineRange(0, 2, 8));
        }

        @Test
        void varintLongerThan32BitsIsCorrupt() {
            // E8 then seven bytes with "more follows": beyond the six 6-bit groups of a uint32.
            byte[] overlong = bytes(0xE8, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x01);
            assertThat(LineTableFormat.LOCATIONS_311.decoder().ranges(overlong, 7)).isEmpty();
        }

        @Test
        void largestVarintIsAnUnsigned32BitValue() {
            // E8 7E 7F 7F 7F 7F 03: groups 62, 63, 63, 63, 63, 3 -> 0xFFFFFFFE: even -> +0x7FFFFFFF.
            // From first line 0 that is line 2147483647, still an int.
            byte[] big = bytes(0xE8, 0x7E, 0x7F, 0x7F, 0x7F, 0x7F, 0x03);
            assertThat(LineTableFormat.LOCATIONS_311.decoder().line(big, 0, 0)).isEqualTo(Integer.MAX_VALUE);
            // One more line would not fit an int: only a corrupt table gets there, and it reads as no line.
            assertThat(LineTableFormat.LOCATIONS_311.decoder().line(big, 1, 0)).isEqualTo(NO_LINE);
        }

        @Test
        void lineBelowZeroIsNoLine() {
            // first line 3, EA 0B: -5 -> -2, which no interpreter produces: reported as no line.
            assertThat(LineTableFormat.LOCATIONS_311.decoder().line(bytes(0xEA, 0x0B), 3, 0)).isEqualTo(NO_LINE);
        }

        @Test
        void entryStartsAtTheNextByteWithBit7() {
            // first line 1: 98 followed by two column-ish bytes 12 34, then D8 00 00 (+1):
            // [0,2) line 1, [2,4) line 2; the bytes between entries are skipped unread.
            assertThat(LineTableFormat.LOCATIONS_311.decoder().ranges(bytes(0x98, 0x12, 0x34, 0xD8, 0x00, 0x00), 1))
                    .containsExactly(new LineRange(0, 2, 1), new LineRange(2, 4, 2));
        }
    }

    @Test
    void negativeOffsetIsTheFirstLineInEveryFormat() {
        for (LineTableFormat format : LineTableFormat.values()) {
            assertThat(format.decoder().line(bytes(0xF8, 0x80), 33, -2)).as("%s", format).isEqualTo(33);
        }
    }

    private static int[] toInts(byte[] bytes) {
        int[] ints = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ints[i] = bytes[i] & 0xff;
        }
        return ints;
    }
}
