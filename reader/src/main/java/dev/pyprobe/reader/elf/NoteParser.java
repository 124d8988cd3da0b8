package dev.pyprobe.reader.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the bytes of a note section or segment into notes. Each note is namesz, descsz, type
 * (u32 each), then the name and the descriptor, each padded to the alignment: 4 bytes, or 8 when
 * the section or segment is 8-aligned (as for {@code .note.gnu.property}), as binutils does.
 */
final class NoteParser {
    private static final int HEADER = 12;

    private NoteParser() {
    }

    static int alignmentFor(long declaredAlignment) {
        return declaredAlignment == 8 ? 8 : 4;
    }

    static List<ElfNote> parse(byte[] data, long fileOffset, int align, String where) {
        List<ElfNote> notes = new ArrayList<>();
        long pos = 0;
        // Fewer bytes than a note header at the end are padding.
        while (pos + HEADER <= data.length) {
            int at = (int) pos;
            long nameSize = LittleEndian.u32(data, at);
            long descSize = LittleEndian.u32(data, at + 4);
            int type = (int) LittleEndian.u32(data, at + 8);
            long nameStart = pos + HEADER;
            long descStart = alignUp(nameStart + nameSize, align);
            long end = descStart + descSize;
            if (end > data.length) {
                throw new ElfFormatException(where + ": note at offset " + (fileOffset + pos) + " claims a "
                        + nameSize + "-byte name and a " + descSize + "-byte descriptor, past the end of its "
                        + data.length + " bytes");
            }
            String name = name(data, (int) nameStart, (int) nameSize);
            byte[] desc = Arrays.copyOfRange(data, (int) descStart, (int) end);
            notes.add(new ElfNote(name, type, desc, fileOffset + pos));
            pos = alignUp(end, align);
        }
        return notes;
    }

    private static String name(byte[] data, int start, int size) {
        int end = start + size;
        while (end > start && data[end - 1] == 0) {
            end--;
        }
        return new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    private static long alignUp(long value, int align) {
        return (value + align - 1) & -align;
    }
}
