package dev.pyprobe.reader.elf;

/** An ELF image held in memory, e.g. copied out of a process or built by a test. */
final class ByteArrayElfSource implements ElfSource {
    private final byte[] image;
    private final String description;

    ByteArrayElfSource(byte[] image, String description) {
        this.image = image;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long size() {
        return image.length;
    }

    @Override
    public void readFully(long offset, byte[] dst, int length) {
        System.arraycopy(image, Math.toIntExact(offset), dst, 0, length);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
