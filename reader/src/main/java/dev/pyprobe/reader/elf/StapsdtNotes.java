package dev.pyprobe.reader.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the SystemTap SDT notes of a file. Each note (owner {@code stapsdt}, type 3) has a
 * descriptor of three 8-byte addresses (pc, base, semaphore) followed by three NUL-terminated
 * strings: provider, probe name, arguments.
 */
public final class StapsdtNotes {
    private static final String OWNER = "stapsdt";
    private static final int ADDRESSES = 24;

    private StapsdtNotes() {
    }

    /** The notes as written in the file, in file order, addresses not adjusted. */
    public static List<StapsdtNote> read(ElfFile elf) {
        List<StapsdtNote> out = new ArrayList<>();
        for (ElfNote n : elf.notes()) {
            if (n.name().equals(OWNER) && n.type() == ElfNote.NT_STAPSDT) {
                out.add(decode(n, elf));
            }
        }
        return out;
    }

    /** The link-time address of the {@code .stapsdt.base} section, if the file has one. */
    public static OptionalLong baseAddress(ElfFile elf) {
        return elf.section(".stapsdt.base").map(s -> OptionalLong.of(s.address())).orElse(OptionalLong.empty());
    }

    /**
     * The notes with the prelink adjustment applied. Without a {@code .stapsdt.base} section
     * there is nothing to adjust against and the notes are returned as written.
     */
    public static List<StapsdtNote> readAdjusted(ElfFile elf) {
        OptionalLong base = baseAddress(elf);
        List<StapsdtNote> notes = read(elf);
        return base.isEmpty() ? notes : notes.stream().map(n -> n.adjustedTo(base.getAsLong())).toList();
    }

    /** Every probe with the file offsets of its instruction and semaphore. */
    public static List<StapsdtProbe> locate(ElfFile elf) {
        return readAdjusted(elf).stream().map(n -> locate(elf, n)).toList();
    }

    private static StapsdtProbe locate(ElfFile elf, StapsdtNote n) {
        long pcOffset = elf.fileOffsetOf(n.pc()).orElseThrow(() -> notInFile(elf, n, "pc", n.pc()));
        long semaphoreOffset = n.hasSemaphore()
                ? elf.fileOffsetOf(n.semaphore()).orElseThrow(() -> notInFile(elf, n, "semaphore", n.semaphore()))
                : 0;
        return new StapsdtProbe(n, pcOffset, semaphoreOffset);
    }

    private static ElfFormatException notInFile(ElfFile elf, StapsdtNote n, String what, long address) {
        return new ElfFormatException(elf.description() + ": probe " + n.provider() + ":" + n.name() + " has its "
                + what + " at 0x" + Long.toHexString(address) + ", which no loadable segment holds in the file");
    }

    private static StapsdtNote decode(ElfNote note, ElfFile elf) {
        byte[] d = note.desc();
        if (d.length < ADDRESSES) {
            throw malformed(note, elf, "has a " + d.length + "-byte descriptor, too short for its three addresses");
        }
        List<String> strings = new ArrayList<>(3);
        int start = ADDRESSES;
        for (int end = start; strings.size() < 3; end++) {
            if (end == d.length) {
                throw malformed(note, elf, "lacks its NUL-terminated provider, name and arguments");
            }
            if (d[end] == 0) {
                strings.add(new String(d, start, end - start, StandardCharsets.UTF_8));
                start = end + 1;
            }
        }
        return new StapsdtNote(strings.get(0), strings.get(1), LittleEndian.u64(d, 0), LittleEndian.u64(d, 8),
                LittleEndian.u64(d, 16), strings.get(2));
    }

    private static ElfFormatException malformed(ElfNote note, ElfFile elf, String what) {
        return new ElfFormatException(elf.description() + ": stapsdt note at offset " + note.fileOffset() + " " + what);
    }
}
