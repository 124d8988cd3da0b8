package dev.pyprobe.reader.elf;

/** Link-time addresses {@code [start, end)} of a piece of machine code in a file. */
public record CodeRange(long start, long end) {
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    public long size() {
        return end - start;
    }

    @Override
    public String toString() {
        return String.format("[0x%x, 0x%x)", start, end);
    }
}
