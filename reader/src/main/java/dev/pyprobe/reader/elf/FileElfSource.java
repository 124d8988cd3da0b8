package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.ReaderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An ELF file read with positional reads. Not memory-mapped: a mapped file that shrinks under us
 * would kill the JVM with SIGBUS, while a short read is just a format error.
 */
final class FileElfSource implements ElfSource {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    private FileElfSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static FileElfSource open(Path path) {
        // Opening a FIFO would block until a writer appears; only regular files are read.
        if (!Files.isRegularFile(path)) {
            if (!Files.exists(path)) {
                throw new ReaderException("cannot read " + path + ": no such file");
            }
            throw new ElfFormatException(path + " is not an ELF file: not a regular file");
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                return new FileElfSource(path, channel, channel.size());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new ReaderException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return path.toString();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long offset, byte[] dst, int length) {
        ByteBuffer buf = ByteBuffer.wrap(dst, 0, length);
        long position = offset;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position);
                if (n < 0) {
                    throw new ElfFormatException(path + " is truncated: it ended while reading "
                            + length + " bytes at offset " + offset);
                }
                position += n;
            }
        } catch (IOException e) {
            throw new ReaderException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read-only channel loses nothing.
        }
    }
}
