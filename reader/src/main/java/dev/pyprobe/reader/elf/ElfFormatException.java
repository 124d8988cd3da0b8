package dev.pyprobe.reader.elf;

import dev.pyprobe.reader.ReaderException;

/**
 * The file is not an ELF file this reader understands (ELF64, little-endian, x86-64), or it is
 * truncated or inconsistent. The message names the file and what is wrong with it.
 */
public class ElfFormatException extends ReaderException {
    public ElfFormatException(String message) {
        super(message);
    }
}
