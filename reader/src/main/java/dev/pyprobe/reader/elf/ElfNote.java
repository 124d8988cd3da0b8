package dev.pyprobe.reader.elf;

import java.util.Arrays;

/**
 * One note: its owner name (e.g. {@code GNU}, {@code stapsdt}), its type (meaning depends on the
 * owner) and its descriptor bytes. {@code fileOffset} is where the note starts in the file, which
 * tells apart the same note seen through a section and through a segment.
 */
public record ElfNote(String name, int type, byte[] desc, long fileOffset) {
    public static final int NT_GNU_BUILD_ID = 3;
    public static final int NT_STAPSDT = 3;

    public ElfNote {
        desc = desc.clone();
    }

    @Override
    public byte[] desc() {
        return desc.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElfNote n && n.name.equals(name) && n.type == type && Arrays.equals(n.desc, desc)
                && n.fileOffset == fileOffset;
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + type) * 31 + Arrays.hashCode(desc) + Long.hashCode(fileOffset);
    }

    @Override
    public String toString() {
        return "ElfNote[name=" + name + ", type=" + type + ", descSize=" + desc.length + ", fileOffset=" + fileOffset
                + "]";
    }
}
