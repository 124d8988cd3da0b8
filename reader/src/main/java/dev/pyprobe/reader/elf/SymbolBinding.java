package dev.pyprobe.reader.elf;

/** The high nibble of {@code st_info}. */
public enum SymbolBinding {
    LOCAL, GLOBAL, WEAK, GNU_UNIQUE, OTHER;

    static SymbolBinding fromCode(int code) {
        return switch (code) {
            case 0 -> LOCAL;
            case 1 -> GLOBAL;
            case 2 -> WEAK;
            case 10 -> GNU_UNIQUE;
            default -> OTHER;
        };
    }
}
