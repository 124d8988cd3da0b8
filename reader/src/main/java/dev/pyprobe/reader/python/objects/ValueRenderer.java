package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.layout.Layout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Turns object addresses into {@link PyValue}s: a repr-like text for builtins, bounded by
 * {@link ReadLimits}, and for other objects what {@link ObjectReprs} can say without running their
 * {@code __repr__}. Reads only; never runs code.
 */
public final class ValueRenderer {
    private static final String MORE = "...";

    private final TypeCache types;
    private final StringReader strings;
    private final NumberReader numbers;
    private final SequenceReader sequences;
    private final DictReader dicts;
    private final SetReader sets;
    private final InstanceAttributes attributes;
    private final ObjectReprs objects;
    private final ReadLimits limits;
    private final boolean python2;

    /**
     * @param codeNames the name of the code object at an address (qualified where the version's
     *                  code objects carry one): what a function is called in its repr
     */
    public ValueRenderer(ObjectHeap heap, ReadLimits limits, Layout.ReprStyle style, LongFunction<String> codeNames) {
        this.types = heap.types();
        this.strings = heap.strings();
        this.numbers = heap.numbers();
        this.sequences = heap.sequences();
        this.dicts = heap.dicts();
        this.sets = heap.sets();
        this.attributes = heap.attributes();
        this.limits = limits;
        this.python2 = style == Layout.ReprStyle.PY2;
        this.objects = new ObjectReprs(heap, new ClassNames(types, strings, dicts, heap.links()), codeNames, python2);
    }

    public PyValue render(long address) {
        if (address == 0) {
            return new PyValue("NULL", "<NULL>", 0, PyValue.Kind.UNREADABLE, 0);
        }
        try {
            // One read of ob_type gives both the kind and the type's name.
            TypeInfo type = types.isNone(address) ? null : types.typeOf(address);
            BuiltinKind kind = type == null ? BuiltinKind.NONE : types.kindOfType(type.address());
            String typeName = type == null ? "NoneType" : type.name();
            return new PyValue(typeName, text(address, kind, 0, new Rendering(limits)), address, kind.valueKind(),
                    childCount(address, kind));
        } catch (MemoryReadException e) {
            return unreadable(address);
        }
    }

    private static PyValue unreadable(long address) {
        return new PyValue("?", String.format("<unreadable object at 0x%x>", address), address,
                PyValue.Kind.UNREADABLE, 0);
    }

    private int childCount(long address, BuiltinKind kind) {
        switch (kind) {
            case TUPLE:
            case LIST:
                return (int) Math.min(Integer.MAX_VALUE, sequences.size(address));
            case DICT:
                return (int) Math.min(Integer.MAX_VALUE, dicts.size(address));
            case SET:
                return (int) Math.min(Integer.MAX_VALUE, sets.size(address));
            case OTHER:
            case MODULE:
                return attributes.read(address, limits.maxItems() * 100).size();
            default:
                return 0;
        }
    }

    /** What one rendering has used so far: the containers it is inside, and the characters left to show. */
    private static final class Rendering {
        final Set<Long> path = new HashSet<>();
        long charsLeft;

        Rendering(ReadLimits limits) {
            charsLeft = limits.maxTextChars();
        }

        /** Characters a string may still show: its own limit, or what is left of the whole. */
        int chars(int max) {
            return (int) Math.max(1, Math.min(max, charsLeft));
        }

        String shown(String text) {
            charsLeft -= text.length();
            return text;
        }

        boolean exhausted() {
            return charsLeft <= 0;
        }
    }

    private String text(long address, BuiltinKind kind, int depth, Rendering r) {
        switch (kind) {
            case NONE:
                return r.shown("None");
            case BOOL:
                return r.shown(numbers.integer(address).signum() != 0 ? "True" : "False");
            case INT:
            case PY2_INT:
                BigInteger v = numbers.integer(address);
                // Python 2 prints its arbitrary-precision long with an L.
                return r.shown(v + (python2 && kind == BuiltinKind.INT ? "L" : ""));
            case FLOAT:
                return r.shown(PythonRepr.floatRepr(numbers.floatValue(address)));
            case STR: {
                StringReader.Text t = strings.text(address, r.chars(limits.maxStringChars()));
                String repr = PythonRepr.str(t.value(), python2);
                return r.shown(t.truncated() ? repr + MORE : repr);
            }
            case BYTES: {
                StringReader.Bytes b = strings.bytes(address, r.chars(limits.maxStringChars()));
                String repr = PythonRepr.bytes(b.value(), python2);
                return r.shown(b.truncated() ? repr + MORE : repr);
            }
            case TUPLE:
            case LIST:
            case DICT:
            case SET:
                if (!r.path.add(address)) {
                    // A container inside itself: Python prints [...] (or {...}) there.
                    return kind == BuiltinKind.LIST ? "[...]" : kind == BuiltinKind.TUPLE ? "(...)" : "{...}";
                }
                try {
                    return container(address, kind, depth, r);
                } finally {
                    r.path.remove(address);
                }
            default:
                return r.shown(objects.text(address, kind, inner -> nested(inner, depth, r)));
        }
    }

    private String container(long address, BuiltinKind kind, int depth, Rendering r) {
        switch (kind) {
            case DICT:
                return dict(address, depth, r);
            case SET:
                return set(address, depth, r);
            default:
                return sequence(address, kind, depth, r);
        }
    }

    private String nested(long address, int depth, Rendering r) {
        try {
            return text(address, types.kindOf(address), depth + 1, r);
        } catch (MemoryReadException e) {
            return String.format("<unreadable object at 0x%x>", address);
        }
    }

    private String sequence(long address, BuiltinKind kind, int depth, Rendering r) {
        boolean tuple = kind == BuiltinKind.TUPLE;
        String open = tuple ? "(" : "[";
        String close = tuple ? ")" : "]";
        if (depth >= limits.maxDepth()) {
            return open + MORE + close;
        }
        long size = sequences.size(address);
        long[] items = sequences.items(address, kind, 0, limits.maxItems());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < items.length && !r.exhausted(); i++) {
            parts.add(nested(items[i], depth, r));
        }
        String body = join(parts, size > parts.size());
        return open + body + (tuple && size == 1 ? "," : "") + close;
    }

    private String dict(long address, int depth, Rendering r) {
        if (depth >= limits.maxDepth()) {
            return "{" + MORE + "}";
        }
        long size = dicts.size(address);
        List<DictEntry> entries = dicts.entries(address, limits.maxItems());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < entries.size() && !r.exhausted(); i++) {
            parts.add(nested(entries.get(i).key(), depth, r) + ": " + nested(entries.get(i).value(), depth, r));
        }
        return "{" + join(parts, size > parts.size()) + "}";
    }

    private String set(long address, int depth, Rendering r) {
        String typeName = types.typeOf(address).name();
        long size = sets.size(address);
        String body;
        if (size == 0) {
            body = "";
        } else if (depth >= limits.maxDepth()) {
            body = MORE;
        } else {
            List<Long> items = sets.items(address, limits.maxItems());
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < items.size() && !r.exhausted(); i++) {
                parts.add(nested(items.get(i), depth, r));
            }
            body = join(parts, size > parts.size());
        }
        // Python 2 writes set([1, 2]); Python 3 writes {1, 2}, set() and frozenset({1, 2}).
        if (python2) {
            return typeName + "([" + body + "])";
        }
        if (body.isEmpty()) {
            return typeName + "()";
        }
        return "set".equals(typeName) ? "{" + body + "}" : typeName + "({" + body + "})";
    }

    private static String join(List<String> parts, boolean more) {
        String body = String.join(", ", parts);
        if (more) {
            body = parts.isEmpty() ? MORE : body + ", " + MORE;
        }
        return body;
    }

    /** The children of a container or object, {@code [start, start+count)}. */
    public List<NamedValue> children(PyValue value, int start, int count) {
        List<NamedValue> out = new ArrayList<>();
        long address = value.address();
        switch (value.kind()) {
            case TUPLE:
            case LIST: {
                BuiltinKind kind = value.kind() == PyValue.Kind.TUPLE ? BuiltinKind.TUPLE : BuiltinKind.LIST;
                long[] items = sequences.items(address, kind, start, count);
                for (int i = 0; i < items.length; i++) {
                    out.add(new NamedValue("[" + (start + i) + "]", render(items[i])));
                }
                return out;
            }
            case DICT: {
                List<DictEntry> entries = dicts.entries(address, start + count);
                for (int i = start; i < entries.size(); i++) {
                    String key = nested(entries.get(i).key(), 0, new Rendering(limits));
                    out.add(new NamedValue(key, render(entries.get(i).value())));
                }
                return out;
            }
            case SET: {
                List<Long> items = sets.items(address, start + count);
                for (int i = start; i < items.size(); i++) {
                    out.add(new NamedValue("[" + i + "]", render(items.get(i))));
                }
                return out;
            }
            case OBJECT: {
                List<Map.Entry<String, Long>> attrs = attributes.read(address, start + count);
                for (int i = start; i < attrs.size(); i++) {
                    out.add(new NamedValue(attrs.get(i).getKey(), render(attrs.get(i).getValue())));
                }
                return out;
            }
            default:
                return out;
        }
    }
}
