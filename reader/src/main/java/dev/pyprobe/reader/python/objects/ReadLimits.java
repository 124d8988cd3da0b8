package dev.pyprobe.reader.python.objects;

/**
 * Bounds that keep the reader finite on any input: garbage pointers can claim a string of 2^60
 * characters or a dict of a billion entries, and the reader must still answer quickly.
 *
 * @param maxStringChars characters of a string shown before it is cut with {@code ...}
 * @param maxItems       items of a container rendered inline before {@code ...}
 * @param maxDepth       nesting depth rendered inline (deeper containers show as {@code [...]})
 * @param maxObjectBytes largest single object body the reader will copy
 */
public record ReadLimits(int maxStringChars, int maxItems, int maxDepth, int maxObjectBytes) {
    public static final ReadLimits DEFAULT = new ReadLimits(256, 50, 3, 1 << 20);
    /** Names in code objects and type names: never long, and never truncated. */
    static final int MAX_NAME_CHARS = 4096;
}
