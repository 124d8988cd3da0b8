package dev.pyprobe.reader.elf;

/**
 * Where the bytes of an ELF image come from: a file read on demand, or an image already in memory.
 * Every read is bounds-checked against {@link #size()} so that a lying header can only produce an
 * {@link ElfFormatException}.
 */
interface ElfSource extends AutoCloseable {

    /** A name for messages, such as the file's path. */
    String description();

    long size();

    /** Reads exactly {@code length} bytes at {@code offset}; the range is already checked. */
    void readFully(long offset, byte[] dst, int length);

    @Override
    void close();
}
