package dev.pyprobe.reader.python.objects;

/**
 * Bounds that keep the reader finite on any input: garbage pointers can claim a string of 2^60
 * characters or a dict of a billion entries, and the reader must still answer quickly.
 *
 * @param maxStringChars characters of a string shown before it is cut with {@code ...}
 * @param maxItems       items of a container rendered inline before {@code ...}
 * @param maxDepth       nesting depth rendered inline (deeper containers show as {@code [...]})
 * @param maxTextChars   characters of values one rendering shows in all (the strings and scalars
 *                       inside it): past them, containers end with {@code ...}
 */
public record ReadLimits(int maxStringChars, int maxItems, int maxDepth, int maxTextChars) {
    /** What a variables view shows: short enough to read at a glance. */
    public static final ReadLimits DEFAULT = new ReadLimits(256, 50, 3, Integer.MAX_VALUE);
    /**
     * A value copied whole: every item and character up to sizes no one copies by hand, and a
     * total that keeps even a pathological nest of containers to a bounded number of reads.
     */
    public static final ReadLimits WHOLE = new ReadLimits(1 << 18, 1 << 16, 16, 1 << 18);
    /** Names in code objects and type names: never long, and never truncated. */
    static final int MAX_NAME_CHARS = 4096;
}
