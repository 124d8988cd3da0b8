package dev.pyprobe.reader.elf;

/**
 * One symbol table entry. {@code value} is a link-time virtual address for defined symbols in
 * executables and shared objects (an offset in the TLS block for {@link SymbolType#TLS}).
 */
public record ElfSymbol(String name, long value, long size, SymbolType type, SymbolBinding binding, int sectionIndex,
        SymbolTableKind table) {
    public static final int SHN_UNDEF = 0;
    public static final int SHN_ABS = 0xfff1;

    /** Whether the symbol is defined in this file rather than imported from another. */
    public boolean defined() {
        return sectionIndex != SHN_UNDEF;
    }
}
