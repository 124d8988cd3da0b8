package dev.pyprobe.reader.elf;

/** The two symbol tables an ELF file may have. */
public enum SymbolTableKind {
    /** {@code .dynsym}: what the dynamic linker sees; survives {@code strip}. */
    DYNAMIC(ElfSection.SHT_DYNSYM),
    /** {@code .symtab}: the full link-time table, including static (file-local) symbols. */
    STATIC(ElfSection.SHT_SYMTAB);

    private final int sectionType;

    SymbolTableKind(int sectionType) {
        this.sectionType = sectionType;
    }

    int sectionType() {
        return sectionType;
    }
}
