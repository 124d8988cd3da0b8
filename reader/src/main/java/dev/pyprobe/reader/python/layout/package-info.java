/**
 * Where things are in one CPython version's memory. {@link dev.pyprobe.reader.python.layout.Layout}
 * is the record of one version's offsets, with enums for the models that decide how a structure is
 * read (frames, GIL, anchor, strings, ints, dicts, sets, instance attributes, repr style, trace
 * sites); {@link dev.pyprobe.reader.python.layout.LayoutTable} loads them from {@code layouts.json},
 * one entry per minor version, and for 3.13+ replaces the fields the target publishes in its
 * {@code _Py_DebugOffsets} (a newer version without an entry borrows the closest older one's). A
 * new version that only moves fields is a new entry there, no code.
 */
package dev.pyprobe.reader.python.layout;
