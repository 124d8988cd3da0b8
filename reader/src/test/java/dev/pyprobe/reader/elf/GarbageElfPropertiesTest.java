package dev.pyprobe.reader.elf;

import static dev.pyprobe.reader.elf.ImageWriter.putInt;
import static dev.pyprobe.reader.elf.ImageWriter.putLong;
import static dev.pyprobe.reader.elf.ImageWriter.putShort;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever bytes it is given, ElfFile (with the .eh_frame and code reading of {@link FunctionCode})
 * either works or throws ElfFormatException, promptly. The inputs are random bytes, random bytes
 * behind a valid ELF identity, and real binaries truncated or with their headers, tables, notes
 * and call frame records overwritten by hostile values.
 */
class GarbageElfPropertiesTest {
    private static final Duration PER_TRY = Duration.ofSeconds(10);
    /** A small real PIE with .symtab, .dynsym, .gnu.hash and notes. */
    private static final byte[] SMALL = read(InstalledPythons.pyenvPython("3.12.1"));
    /** A large static executable with stapsdt notes; corrupted in place and restored after each try. */
    private static final byte[] LARGE = read(InstalledPythons.DEBIAN_PYTHON);
    private static final byte[] SMALL_SECTION_NAMES = sectionNames(SMALL);
    private static final List<long[]> SMALL_REGIONS = structuralRegions(SMALL);
    private static final List<long[]> LARGE_REGIONS = structuralRegions(LARGE);

    /** One overwrite: a field of {@code width} bytes at a relative position inside a region. */
    record Corruption(int region, double position, int width, long value) {
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 2048) byte[] bytes) {
        survives(bytes);
    }

    /**
     * A valid file header whose program and section header tables are random, except that
     * section names come from a real name table and section offsets, sizes, types and links are
     * folded into plausible ranges, so that the garbage reaches the symbol, string, hash and note
     * parsers.
     */
    @Property(tries = 400)
    void randomTablesBehindAValidHeader(@ForAll @IntRange(max = 8) int phnum, @ForAll @IntRange(min = 1, max = 16) int shnum,
            @ForAll @IntRange(max = 15) int namesIndex, @ForAll @Size(min = 1600, max = 4096) byte[] body) {
        byte[] image = Arrays.copyOf(SMALL, 64 + body.length + SMALL_SECTION_NAMES.length);
        System.arraycopy(body, 0, image, 64, body.length);
        int namesAt = 64 + body.length;
        System.arraycopy(SMALL_SECTION_NAMES, 0, image, namesAt, SMALL_SECTION_NAMES.length);
        int shstrndx = namesIndex % shnum;
        long shoff = 64 + phnum * 56L;
        putLong(image, 32, 64);
        putLong(image, 40, shoff);
        putShort(image, 54, 56);
        putShort(image, 56, phnum);
        putShort(image, 58, 64);
        putShort(image, 60, shnum);
        putShort(image, 62, shstrndx);
        int[] types = {ElfSection.SHT_NOTE, ElfSection.SHT_SYMTAB, ElfSection.SHT_DYNSYM, ElfSection.SHT_STRTAB,
            ElfSection.SHT_GNU_HASH, ElfSection.SHT_PROGBITS, ElfSection.SHT_NOBITS};
        for (int i = 0; i < shnum; i++) {
            int at = (int) shoff + i * 64;
            putInt(image, at, nameStart((int) (LittleEndian.u32(image, at) % SMALL_SECTION_NAMES.length)));
            long offset = Long.remainderUnsigned(LittleEndian.u64(image, at + 24), image.length);
            long size = Long.remainderUnsigned(LittleEndian.u64(image, at + 32), image.length - offset + 1);
            int type = types[(int) (LittleEndian.u32(image, at + 4) % types.length)];
            boolean symbols = type == ElfSection.SHT_SYMTAB || type == ElfSection.SHT_DYNSYM;
            if (i == shstrndx) {
                type = ElfSection.SHT_STRTAB;
                offset = namesAt;
                size = SMALL_SECTION_NAMES.length;
            }
            putInt(image, at + 4, type);
            putLong(image, at + 24, offset);
            putLong(image, at + 32, symbols ? size / 24 * 24 : size);
            putInt(image, at + 40, (int) (LittleEndian.u32(image, at + 40) % shnum));
            putLong(image, at + 56, symbols ? 24 : 0);
        }
        survives(image);
    }

    private static int nameStart(int offset) {
        int start = offset;
        while (start > 0 && SMALL_SECTION_NAMES[start - 1] != 0) {
            start--;
        }
        return start;
    }

    @Property(tries = 300)
    void corruptedSmallBinary(@ForAll("corruptions") List<Corruption> corruptions) {
        byte[] image = SMALL.clone();
        for (Corruption c : corruptions) {
            apply(image, SMALL_REGIONS, c);
        }
        survives(image);
    }

    @Property(tries = 150)
    void corruptedLargeBinary(@ForAll("corruptions") List<Corruption> corruptions) {
        List<Integer> places = new ArrayList<>();
        List<byte[]> saved = new ArrayList<>();
        try {
            for (Corruption c : corruptions) {
                int at = place(LARGE, LARGE_REGIONS, c);
                places.add(at);
                saved.add(Arrays.copyOfRange(LARGE, at, Math.min(at + c.width(), LARGE.length)));
                apply(LARGE, LARGE_REGIONS, c);
            }
            survives(LARGE);
        } finally {
            for (int i = places.size() - 1; i >= 0; i--) {
                System.arraycopy(saved.get(i), 0, LARGE, places.get(i), saved.get(i).length);
            }
        }
    }

    @Property(tries = 200)
    void truncatedSmallBinary(@ForAll @IntRange(min = 0, max = 17600) int length) {
        survives(Arrays.copyOf(SMALL, Math.min(length, SMALL.length)));
    }

    /** Cut inside or just after one of the structures the reader follows. */
    @Property(tries = 60)
    void truncatedLargeBinary(@ForAll @IntRange(min = 0, max = 1000) int region, @ForAll double position) {
        long[] r = LARGE_REGIONS.get(region % LARGE_REGIONS.size());
        long cut = r[0] + (long) (Math.abs(position % 1.0) * (r[1] + 1));
        survives(Arrays.copyOf(LARGE, (int) Math.min(cut, LARGE.length)));
    }

    @Provide
    Arbitrary<List<Corruption>> corruptions() {
        Arbitrary<Long> values = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, -1L, 0xffffL, 0xffff_ffffL, 0x7fff_ffffL, Long.MIN_VALUE, Long.MAX_VALUE,
                        (long) SMALL.length, (long) LARGE.length, 24L, 56L, 64L),
                Arbitraries.longs(),
                Arbitraries.longs().between(0, 1 << 20));
        Arbitrary<Corruption> one = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(1, 2, 4, 8), values).as(Corruption::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }


    private static int place(byte[] image, List<long[]> regions, Corruption c) {
        long[] r = regions.get(c.region() % regions.size());
        return (int) Math.min(r[0] + (long) (c.position() * r[1]), image.length);
    }

    private static void apply(byte[] image, List<long[]> regions, Corruption c) {
        int at = place(image, regions, c);
        for (int i = 0; i < c.width() && at + i < image.length; i++) {
            image[at + i] = (byte) (c.value() >>> (8 * i));
        }
    }

    /** Statistics name how far each try got, to show the garbage reaches past the header checks. */
    private static void survives(byte[] image) {
        String outcome = assertTimeoutPreemptively(PER_TRY, () -> {
            try (ElfFile elf = ElfFile.parse(image, "garbage")) {
                useEverything(elf);
                return "read through";
            } catch (ElfFormatException expected) {
                return expected.getMessage().replaceFirst("^garbage: ", "").replaceAll("[0-9]+", "N")
                        .replaceFirst("^section \\S+", "section S")
                        .replaceFirst("^(.{0,40}).*", "$1");
            }
        });
        Statistics.collect(outcome);
    }

    private static void useEverything(ElfFile elf) {
        elf.type();
        for (ElfSection s : elf.sections()) {
            elf.sectionBytes(s);
            if (s.type() == ElfSection.SHT_NOTE) {
                elf.notes(s);
            }
        }
        for (ProgramHeader p : elf.programHeaders()) {
            if (p.isNote()) {
                elf.notes(p);
            }
            elf.fileOffsetOf(p.vaddr());
        }
        for (SymbolTableKind kind : SymbolTableKind.values()) {
            List<ElfSymbol> symbols = elf.symbols(kind);
            for (ElfSymbol s : symbols.subList(0, Math.min(symbols.size(), 50))) {
                elf.findSymbol(s.name(), kind);
            }
        }
        for (String name : List.of("_PyRuntime", "Py_Version", "main", "")) {
            elf.findSymbol(name);
        }
        elf.notes();
        elf.buildId();
        StapsdtNotes.locate(elf);
        EhFrame.entries(elf);
        elf.findSymbol("_PyEval_EvalFrameDefault").ifPresent(f -> FunctionCode.fromEhFrame(elf, f));
        elf.crc32();
    }

    /** [start, length] of the header, the header tables and the sections the reader interprets. */
    private static List<long[]> structuralRegions(byte[] image) {
        List<long[]> regions = new ArrayList<>();
        regions.add(new long[] {0, 64});
        try (ElfFile elf = ElfFile.parse(image, "original")) {
            regions.add(new long[] {LittleEndian.u64(image, 32), elf.programHeaders().size() * 56L});
            regions.add(new long[] {LittleEndian.u64(image, 40), elf.sections().size() * 64L});
            for (ElfSection s : elf.sections()) {
                switch (s.type()) {
                    case ElfSection.SHT_NOTE, ElfSection.SHT_SYMTAB, ElfSection.SHT_DYNSYM, ElfSection.SHT_STRTAB,
                            ElfSection.SHT_GNU_HASH -> regions.add(new long[] {s.offset(), Math.min(s.size(), 4096)});
                    default -> {
                        if (s.name().equals(".eh_frame")) {
                            regions.add(new long[] {s.offset(), Math.min(s.size(), 4096)});
                        }
                    }
                }
            }
        }
        return List.copyOf(regions);
    }

    private static byte[] sectionNames(byte[] image) {
        try (ElfFile elf = ElfFile.parse(image, "original")) {
            return elf.sectionBytes(".shstrtab").orElseThrow();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
