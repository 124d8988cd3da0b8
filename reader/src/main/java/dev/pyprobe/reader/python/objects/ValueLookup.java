package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.PyValue;
import java.math.BigInteger;
import java.util.Optional;

/** {@code obj.attr} and {@code container[key]} on the target's objects, read from memory only. */
public final class ValueLookup {
    private final ObjectHeap heap;
    private final ValueRenderer renderer;

    public ValueLookup(ObjectHeap heap, ValueRenderer renderer) {
        this.heap = heap;
        this.renderer = renderer;
    }

    /** An attribute from the instance's own storage (no descriptors, no {@code __getattr__}). */
    public Optional<PyValue> attribute(PyValue value, String name) {
        if (value.kind() != PyValue.Kind.OBJECT) {
            return Optional.empty();
        }
        return heap.attributes().read(value.address(), Integer.MAX_VALUE).stream()
                .filter(a -> a.getKey().equals(name))
                .findFirst()
                .map(a -> renderer.render(a.getValue()));
    }

    /** {@code list[i]} and {@code tuple[i]} (negative from the end), {@code dict['k']} or {@code dict[42]}. */
    public Optional<PyValue> item(PyValue value, String keyExpression) {
        switch (value.kind()) {
            case LIST:
            case TUPLE:
                return sequenceItem(value, keyExpression.trim());
            case DICT:
                return dictItem(value.address(), keyExpression.trim());
            default:
                return Optional.empty();
        }
    }

    private Optional<PyValue> sequenceItem(PyValue value, String indexText) {
        long index;
        try {
            index = Long.parseLong(indexText);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        BuiltinKind kind = value.kind() == PyValue.Kind.LIST ? BuiltinKind.LIST : BuiltinKind.TUPLE;
        long size = heap.sequences().size(value.address());
        long i = index < 0 ? size + index : index;
        long[] items = heap.sequences().items(value.address(), kind, i, 1);
        return i < 0 || items.length == 0 ? Optional.empty() : Optional.of(renderer.render(items[0]));
    }

    /** Keys are compared by their decoded value: a quoted string, or an integer. */
    private Optional<PyValue> dictItem(long dict, String key) {
        boolean quoted = key.length() >= 2 && (key.charAt(0) == '\'' || key.charAt(0) == '"')
                && key.charAt(key.length() - 1) == key.charAt(0);
        for (DictEntry e : heap.dicts().entries(dict, Integer.MAX_VALUE)) {
            try {
                BuiltinKind k = heap.types().kindOf(e.key());
                boolean match = quoted
                        ? (k == BuiltinKind.STR || k == BuiltinKind.BYTES)
                                && heap.strings().name(e.key()).equals(key.substring(1, key.length() - 1))
                        : (k == BuiltinKind.INT || k == BuiltinKind.PY2_INT)
                                && heap.numbers().integer(e.key()).equals(new BigInteger(key));
                if (match) {
                    return Optional.of(renderer.render(e.value()));
                }
            } catch (MemoryReadException | NumberFormatException ignored) {
                // Not this key.
            }
        }
        return Optional.empty();
    }
}
