package dev.pyprobe.reader.probe.perf;

/**
 * The kernel's count of an event's firings ({@code hits}, exact even when the ring was full) and
 * of the records its ring dropped ({@code lost}).
 */
public record EventCounts(long hits, long lost) {
    public static final EventCounts ZERO = new EventCounts(0, 0);

    public EventCounts plus(EventCounts other) {
        return new EventCounts(hits + other.hits, lost + other.lost);
    }
}
