package dev.pyprobe.reader.elf;

import java.util.Optional;

/** {@code e_type}: what kind of object the file is. */
public enum ElfType {
    /** Relocatable object (a {@code .o}). */
    REL(1),
    /** Executable linked at fixed addresses (non-PIE): its load bias is 0. */
    EXEC(2),
    /** Shared object or position-independent executable: loaded at a bias chosen at run time. */
    DYN(3),
    /** Core dump. */
    CORE(4);

    private final int code;

    ElfType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static Optional<ElfType> fromCode(int code) {
        for (ElfType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
