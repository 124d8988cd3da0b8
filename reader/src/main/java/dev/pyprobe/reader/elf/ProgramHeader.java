package dev.pyprobe.reader.elf;

/**
 * One program header (segment). Addresses are link-time virtual addresses; add a load bias to get
 * run-time ones.
 */
public record ProgramHeader(int type, int flags, long offset, long vaddr, long fileSize, long memorySize, long align) {
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean isNote() {
        return type == PT_NOTE;
    }

    public boolean readable() {
        return (flags & PF_R) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    /** Whether {@code address} lies in the part of the segment backed by file bytes. */
    public boolean containsInFile(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, fileSize) < 0;
    }
}
