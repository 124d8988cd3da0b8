package dev.pyprobe.reader;

/**
 * An address in the target could not be read (unmapped, or it changed under the reader). Callers
 * that walk structures treat it as "this pointer is garbage", never as a reason to crash.
 */
public class MemoryReadException extends ReaderException {
    private final long address;

    public MemoryReadException(long address, int length, String why) {
        super(String.format("cannot read %d bytes at 0x%x: %s", length, address, why));
        this.address = address;
    }

    public long address() {
        return address;
    }
}
