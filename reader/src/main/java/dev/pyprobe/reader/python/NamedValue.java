package dev.pyprobe.reader.python;

/** A value with the name under which it was found: a local, an attribute, an index or a dict key. */
public record NamedValue(String name, PyValue value) {
}
