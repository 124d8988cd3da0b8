package dev.pyprobe.reader.elf;

/** The low nibble of {@code st_info}. */
public enum SymbolType {
    NOTYPE, OBJECT, FUNC, SECTION, FILE, COMMON, TLS, GNU_IFUNC, OTHER;

    static SymbolType fromCode(int code) {
        return switch (code) {
            case 0 -> NOTYPE;
            case 1 -> OBJECT;
            case 2 -> FUNC;
            case 3 -> SECTION;
            case 4 -> FILE;
            case 5 -> COMMON;
            case 6 -> TLS;
            case 10 -> GNU_IFUNC;
            default -> OTHER;
        };
    }
}
