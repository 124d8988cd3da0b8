package dev.pyprobe.reader.elf;

/**
 * One section header with its name. {@code address} is the link-time virtual address (0 for
 * sections that are not loaded); {@code offset} and {@code size} locate its bytes in the file.
 */
public record ElfSection(int index, String name, int type, long flags, long address, long offset, long size,
        int link, int info, long addressAlign, long entrySize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_HASH = 5;
    public static final int SHT_DYNAMIC = 6;
    public static final int SHT_NOTE = 7;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_GNU_HASH = 0x6ffffff6;

    public static final long SHF_WRITE = 1;
    public static final long SHF_ALLOC = 2;
    public static final long SHF_EXECINSTR = 4;

    /** Whether the section occupies bytes in the file ({@code SHT_NOBITS}, like .bss, does not). */
    public boolean hasFileBytes() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }

    /** Whether the section is part of the process image at run time. */
    public boolean allocated() {
        return (flags & SHF_ALLOC) != 0;
    }
}
