package dev.pyprobe.reader.python;

/**
 * A Python object of the target, rendered for display. Reading it never runs code in the target.
 *
 * @param typeName   the object's type name, e.g. {@code int}, {@code collections.OrderedDict}
 * @param text       the rendering: a repr for builtins ({@code 'abc'}, {@code [1, 2]}), truncated with
 *                   {@code ...} past the size limits, or {@code <TypeName at 0x...>} for other objects
 * @param address    the object's address (0 for a NULL slot)
 * @param kind       what sort of value it is
 * @param childCount number of children to expand (items, entries, attributes); 0 for scalars
 */
public record PyValue(String typeName, String text, long address, Kind kind, int childCount) {

    public enum Kind { NONE, BOOL, INT, FLOAT, STR, BYTES, TUPLE, LIST, DICT, SET, OBJECT, UNREADABLE }

    public boolean expandable() {
        return childCount > 0;
    }
}
