package dev.pyprobe.reader.python.objects;

/** One key/value pair of a dict, as object addresses. */
public record DictEntry(long key, long value) {
}
