package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.ReaderException;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ELF file read on demand. Not memory-mapped: a mapped file that shrinks under us would kill
 * the JVM with SIGBUS, while a short read is just a format error. Not a FileChannel either: an
 * interrupt of any thread in the middle of a read closes a FileChannel for every later reader.
 */
final class FileElfSource implements ElfSource {
    private final String description;
    private final RandomAccessFile file;
    private final long size;

    private FileElfSource(String description, RandomAccessFile file, long size) {
        this.description = description;
        this.file = file;
        this.size = size;
    }

    /** Opens {@code path}; messages name the file {@code description}. */
    static FileElfSource open(Path path, String description) {
        // Opening a FIFO would block until a writer appears; only regular files are read.
        if (!Files.isRegularFile(path)) {
            if (!Files.exists(path)) {
                throw new ReaderException("cannot read " + description + ": no such file");
            }
            throw new ElfFormatException(description + " is not an ELF file: not a regular file");
        }
        try {
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
            try {
                return new FileElfSource(description, file, file.length());
            } catch (RuntimeException e) {
                file.close();
                throw e;
            }
        } catch (IOException e) {
            throw new ReaderException("cannot read " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long size() {
        return size;
    }

    /** Synchronized: seek and read share the file's one position. */
    @Override
    public synchronized void readFully(long offset, byte[] dst, int length) {
        try {
            file.seek(offset);
            file.readFully(dst, 0, length);
        } catch (EOFException e) {
            throw new ElfFormatException(description + " is truncated: it ended while reading " + length
                    + " bytes at offset " + offset);
        } catch (IOException e) {
            throw new ReaderException("cannot read " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read-only file loses nothing.
        }
    }
}
