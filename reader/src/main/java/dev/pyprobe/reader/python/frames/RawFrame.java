package dev.pyprobe.reader.python.frames;

/**
 * A frame as read from memory, before any decoding: enough to compare two reads of the same
 * stack field by field.
 *
 * @param link        the next older frame ({@code f_back} or {@code previous})
 * @param code        the code object (tag bits removed)
 * @param instruction {@code f_lasti} (frame objects) or the instruction pointer (interpreter frames)
 * @param owner       who owns an interpreter frame (0 for frame objects)
 */
record RawFrame(long address, long link, long code, long instruction, int owner) {

    boolean sameChainAs(RawFrame other) {
        return address == other.address && link == other.link && code == other.code && owner == other.owner;
    }
}
