package dev.pyprobe.reader.elf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * An ELF64 little-endian x86-64 file. Opening reads only the file header, the program headers,
 * the section headers and the section names; symbol tables and notes are read the first time they
 * are asked for. Every offset and count read from the file is checked against the file's size, so
 * a truncated or corrupt file gives an {@link ElfFormatException} and nothing else. Safe for use
 * from several threads.
 */
public final class ElfFile implements AutoCloseable {
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int EM_X86_64 = 62;
    /** Extended numbering: the real program header count is in section 0's sh_info. */
    private static final int PN_XNUM = 0xffff;
    /** Extended numbering: the real index of the section name table is in section 0's sh_link. */
    private static final int SHN_XINDEX = 0xffff;
    private static final long MAX_SECTIONS = 1 << 20;
    /** No section or segment we read is anywhere near this; a larger size is a corrupt header. */
    private static final long MAX_READ = 1L << 30;

    private final ElfSource source;
    private final ElfType type;
    private final long entryPoint;
    private final List<ProgramHeader> programHeaders;
    private final List<ElfSection> sections;
    private final Map<SymbolTableKind, Optional<SymbolTable>> symbolTables = new EnumMap<>(SymbolTableKind.class);
    private List<ElfNote> notes;

    private ElfFile(ElfSource source) {
        this.source = source;
        if (source.size() < EHDR_SIZE) {
            throw error("too short to be an ELF file (" + source.size() + " bytes)");
        }
        byte[] header = readRange(0, EHDR_SIZE, "the ELF header");
        checkIdentity(header);
        int typeCode = LittleEndian.u16(header, 16);
        this.type = ElfType.fromCode(typeCode)
                .orElseThrow(() -> error("unknown object type e_type=" + typeCode));
        this.entryPoint = LittleEndian.u64(header, 24);
        long phoff = LittleEndian.u64(header, 32);
        long shoff = LittleEndian.u64(header, 40);
        int phentsize = LittleEndian.u16(header, 54);
        int phnum = LittleEndian.u16(header, 56);
        int shentsize = LittleEndian.u16(header, 58);
        int shnum = LittleEndian.u16(header, 60);
        int shstrndx = LittleEndian.u16(header, 62);

        byte[] firstSection = shoff != 0 ? readTable(shoff, 1, shentsize, SHDR_SIZE, "section header 0") : null;
        long sectionCount = shoff == 0 ? 0 : shnum != 0 ? shnum : LittleEndian.u64(firstSection, 32);
        long programCount = phnum == PN_XNUM && firstSection != null ? LittleEndian.u32(firstSection, 44) : phnum;
        long namesIndex = shstrndx == SHN_XINDEX && firstSection != null ? LittleEndian.u32(firstSection, 40) : shstrndx;
        if (Long.compareUnsigned(sectionCount, MAX_SECTIONS) > 0) {
            throw error("claims " + Long.toUnsignedString(sectionCount) + " sections");
        }
        this.programHeaders = parseProgramHeaders(phoff, programCount, phentsize);
        this.sections = parseSections(shoff, (int) sectionCount, shentsize, namesIndex);
    }

    /** Opens and checks the file; the file stays open for lazy reads until {@link #close()}. */
    public static ElfFile open(Path path) {
        return open(path, path.toString());
    }

    /**
     * Opens {@code path} as {@link #open(Path)} does, named {@code description} in messages: for a
     * path that means nothing to the user, such as a /proc/self/fd link to a file of another root.
     */
    public static ElfFile open(Path path, String description) {
        return wrap(FileElfSource.open(path, description));
    }

    /**
     * Reads an ELF image already in memory (for example one copied out of a process). The array
     * is not copied: it must not change while the ElfFile is in use.
     */
    public static ElfFile parse(byte[] image, String description) {
        return wrap(new ByteArrayElfSource(image, description));
    }

    private static ElfFile wrap(ElfSource source) {
        try {
            return new ElfFile(source);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The file's path or the description it was parsed with. */
    public String description() {
        return source.description();
    }

    public long fileSize() {
        return source.size();
    }

    public ElfType type() {
        return type;
    }

    public long entryPoint() {
        return entryPoint;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    public List<ProgramHeader> loadSegments() {
        return programHeaders.stream().filter(ProgramHeader::isLoad).toList();
    }

    public List<ElfSection> sections() {
        return sections;
    }

    /** The first section with this exact name. */
    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The section's bytes in the file; empty for a section with no file bytes (.bss). */
    public byte[] sectionBytes(ElfSection section) {
        if (!section.hasFileBytes()) {
            return new byte[0];
        }
        return readRange(section.offset(), section.size(), "section " + section.name());
    }

    public Optional<byte[]> sectionBytes(String name) {
        return section(name).map(this::sectionBytes);
    }

    /** Whether the file has a symbol table of that kind (stripped files have no .symtab). */
    public boolean hasSymbolTable(SymbolTableKind kind) {
        return symbolTable(kind).isPresent();
    }

    /** Every entry of the table, in file order (entry 0 is the null symbol); empty if absent. */
    public List<ElfSymbol> symbols(SymbolTableKind kind) {
        return symbolTable(kind).map(SymbolTable::all).orElse(List.of());
    }

    /**
     * The defined symbol with this exact name, looked up first in {@code .dynsym} and then in
     * {@code .symtab}: the exported definition wins over a file-local one of the same name.
     * Undefined entries (imports from other objects) are never returned. If a table defines a name
     * twice (it should not), which one is returned is not specified. Symbol tables are found
     * through the section headers: a file stripped of them (sstrip) has no symbols here.
     */
    public Optional<ElfSymbol> findSymbol(String name) {
        return findSymbol(name, SymbolTableKind.DYNAMIC).or(() -> findSymbol(name, SymbolTableKind.STATIC));
    }

    /** A defined symbol with this exact name in one table (see {@link #findSymbol(String)}). */
    public Optional<ElfSymbol> findSymbol(String name, SymbolTableKind kind) {
        if (name.indexOf('\0') >= 0) {
            return Optional.empty(); // no ELF name holds a NUL; the byte compare could span two names
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return symbolTable(kind).flatMap(t -> t.findDefined(bytes));
    }

    /**
     * Every note of the file: those of each SHT_NOTE section, then those of PT_NOTE segments not
     * already seen through a section (a stripped file may have segments only).
     */
    public synchronized List<ElfNote> notes() {
        if (notes == null) {
            List<ElfNote> all = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (ElfSection s : sections) {
                if (s.type() == ElfSection.SHT_NOTE) {
                    notes(s).stream().filter(n -> seen.add(n.fileOffset())).forEach(all::add);
                }
            }
            for (ProgramHeader p : programHeaders) {
                if (p.isNote()) {
                    notes(p).stream().filter(n -> seen.add(n.fileOffset())).forEach(all::add);
                }
            }
            notes = List.copyOf(all);
        }
        return notes;
    }

    public List<ElfNote> notes(ElfSection section) {
        return NoteParser.parse(sectionBytes(section), section.offset(),
                NoteParser.alignmentFor(section.addressAlign()), where("section " + section.name()));
    }

    public List<ElfNote> notes(ProgramHeader segment) {
        byte[] bytes = readRange(segment.offset(), segment.fileSize(), "a PT_NOTE segment");
        return NoteParser.parse(bytes, segment.offset(), NoteParser.alignmentFor(segment.align()),
                where("PT_NOTE segment at offset " + segment.offset()));
    }

    /** The GNU build-id as lowercase hex, from .note.gnu.build-id or else any note. */
    public Optional<String> buildId() {
        Optional<ElfNote> note = section(".note.gnu.build-id").flatMap(s -> buildIdIn(notes(s)));
        return note.or(() -> buildIdIn(notes())).map(n -> HexFormat.of().formatHex(n.desc()));
    }

    private static Optional<ElfNote> buildIdIn(List<ElfNote> notes) {
        return notes.stream().filter(n -> n.name().equals("GNU") && n.type() == ElfNote.NT_GNU_BUILD_ID).findFirst();
    }

    /**
     * The file offset holding the byte at link-time virtual address {@code vaddr}, found through
     * the PT_LOAD segments; empty when no segment has file bytes there (unmapped, or .bss).
     * This is the offset uprobes want for a probe address and for a semaphore (ref_ctr_offset).
     */
    public OptionalLong fileOffsetOf(long vaddr) {
        for (ProgramHeader p : programHeaders) {
            if (p.isLoad() && p.containsInFile(vaddr)) {
                return OptionalLong.of(p.offset() + (vaddr - p.vaddr()));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The CRC-32 of the whole file (the zlib polynomial), which a {@code .gnu_debuglink} section
     * gives for the debug file it names. Reads the file in blocks.
     */
    public long crc32() {
        CRC32 crc = new CRC32();
        byte[] block = new byte[1 << 16];
        for (long at = 0; at < source.size(); at += block.length) {
            int length = (int) Math.min(block.length, source.size() - at);
            source.readFully(at, block, length);
            crc.update(block, 0, length);
        }
        return crc.getValue();
    }

    synchronized Optional<SymbolTable> symbolTable(SymbolTableKind kind) {
        return symbolTables.computeIfAbsent(kind, this::loadSymbolTable);
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return "ElfFile[" + description() + ", " + type + "]";
    }

    private Optional<SymbolTable> loadSymbolTable(SymbolTableKind kind) {
        Optional<ElfSection> found = sections.stream().filter(s -> s.type() == kind.sectionType()).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ElfSection table = found.get();
        if (table.entrySize() != SymbolTable.ENTRY_SIZE || table.size() % SymbolTable.ENTRY_SIZE != 0) {
            throw error("symbol table " + table.name() + " has entry size " + table.entrySize() + " and size "
                    + table.size() + "; ELF64 symbols are " + SymbolTable.ENTRY_SIZE + " bytes");
        }
        ElfSection strings = linkedSection(table, "string table");
        StringTable names = new StringTable(sectionBytes(strings), where("section " + strings.name()));
        byte[] entries = sectionBytes(table);
        GnuHashTable hash = sections.stream()
                .filter(s -> s.type() == ElfSection.SHT_GNU_HASH && s.link() == table.index())
                .findFirst()
                .map(s -> new GnuHashTable(sectionBytes(s), where("section " + s.name())))
                .orElse(null);
        return Optional.of(new SymbolTable(kind, entries, names, hash));
    }

    private ElfSection linkedSection(ElfSection from, String what) {
        if (from.link() <= 0 || from.link() >= sections.size()) {
            throw error("section " + from.name() + " links to " + what + " " + from.link() + ", which does not exist");
        }
        return sections.get(from.link());
    }

    private void checkIdentity(byte[] h) {
        if (h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
            throw error("not an ELF file (bad magic)");
        }
        if (h[4] != 2) {
            throw error("not a 64-bit ELF file (EI_CLASS=" + h[4] + "); only ELF64 is supported");
        }
        if (h[5] != 1) {
            throw error("not little-endian (EI_DATA=" + h[5] + "); only x86-64 is supported");
        }
        if (h[6] != 1) {
            throw error("unknown ELF version " + h[6]);
        }
        int machine = LittleEndian.u16(h, 18);
        if (machine != EM_X86_64) {
            throw error("built for machine " + machine + "; only x86-64 (62) is supported");
        }
    }

    private List<ProgramHeader> parseProgramHeaders(long phoff, long count, int entrySize) {
        if (count == 0) {
            return List.of();
        }
        byte[] table = readTable(phoff, count, entrySize, PHDR_SIZE, "program headers");
        List<ProgramHeader> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int at = i * PHDR_SIZE;
            out.add(new ProgramHeader((int) LittleEndian.u32(table, at), (int) LittleEndian.u32(table, at + 4),
                    LittleEndian.u64(table, at + 8), LittleEndian.u64(table, at + 16),
                    LittleEndian.u64(table, at + 32), LittleEndian.u64(table, at + 40),
                    LittleEndian.u64(table, at + 48)));
        }
        return List.copyOf(out);
    }

    private List<ElfSection> parseSections(long shoff, int count, int entrySize, long namesIndex) {
        if (count == 0) {
            return List.of();
        }
        byte[] table = readTable(shoff, count, entrySize, SHDR_SIZE, "section headers");
        // Without a section name table (e_shstrndx = 0) every section is nameless.
        StringTable names = null;
        if (namesIndex != 0) {
            if (namesIndex >= count) {
                throw error("section name table index " + namesIndex + " is not among its " + count + " sections");
            }
            int at = (int) namesIndex * SHDR_SIZE;
            long offset = LittleEndian.u64(table, at + 24);
            long size = LittleEndian.u64(table, at + 32);
            names = new StringTable(readRange(offset, size, "the section name table"), where("section name table"));
        }
        List<ElfSection> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * SHDR_SIZE;
            out.add(new ElfSection(i, names == null ? "" : names.at(LittleEndian.u32(table, at)), (int) LittleEndian.u32(table, at + 4),
                    LittleEndian.u64(table, at + 8), LittleEndian.u64(table, at + 16),
                    LittleEndian.u64(table, at + 24), LittleEndian.u64(table, at + 32),
                    (int) LittleEndian.u32(table, at + 40), (int) LittleEndian.u32(table, at + 44),
                    LittleEndian.u64(table, at + 48), LittleEndian.u64(table, at + 56)));
        }
        return List.copyOf(out);
    }

    private byte[] readTable(long offset, long count, int entrySize, int expectedEntrySize, String what) {
        if (entrySize != expectedEntrySize) {
            throw error(what + ": entry size is " + entrySize + ", ELF64 uses " + expectedEntrySize);
        }
        return readRange(offset, count * expectedEntrySize, what);
    }

    /** Reads a range of the file after checking it lies inside the file. */
    private byte[] readRange(long offset, long length, String what) {
        long size = source.size();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw error(what + " (offset " + Long.toUnsignedString(offset) + ", " + Long.toUnsignedString(length)
                    + " bytes) lies outside the file of " + size + " bytes; it is truncated or corrupt");
        }
        if (length > MAX_READ) {
            throw error(what + " claims " + length + " bytes, more than this reader accepts");
        }
        byte[] out = new byte[(int) length];
        source.readFully(offset, out, (int) length);
        return out;
    }

    private String where(String part) {
        return source.description() + ": " + part;
    }

    private ElfFormatException error(String message) {
        return new ElfFormatException(source.description() + ": " + message);
    }
}
