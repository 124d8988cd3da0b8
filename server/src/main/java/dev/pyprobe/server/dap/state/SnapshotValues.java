package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.evaluate.Expression;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.ExpressionParser;
import dev.pyprobe.server.evaluate.ValueReads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one snapshot, each read from the target once and then kept for as long as the
 * snapshot is shown (a pause until the next pause or continue, a breakpoint snapshot's thread
 * until it is discarded). The process runs on while the user looks, so reading again would show
 * another moment than the one before: Variables, Watch, hover, the Debug Console and Copy Value
 * all read through here and agree. What a stop shows first is read ahead with the snapshot
 * ({@link ReadAhead}); anything else is the value read the first time any view asked for it. An
 * attribute or item is found among the children read for its object, so {@code order.qty}
 * evaluated equals {@code qty} in the expanded {@code order}.
 */
public final class SnapshotValues implements ValueReads {
    /** Children are read and kept in aligned pages of this many, the size VS Code asks for. */
    static final int PAGE = 100;
    /** Dict entries looked through for an item; past this, the item is read on its own. */
    static final int MAX_SCANNED_ENTRIES = 10_000;
    /** How the reader ends a text it cut at its display limits. */
    private static final String CUT = "...";

    private final PythonTarget target;
    private final Map<PythonFrame, Read> locals = new HashMap<>();
    private final Map<PythonFrame, List<NamedValue>> globalsByFrame = new HashMap<>();
    private final Map<Module, List<NamedValue>> globalsByModule = new HashMap<>();
    private final Map<ObjectKey, Map<Integer, List<NamedValue>>> pages = new HashMap<>();
    private final Map<ObjectKey, Map<Expression.Key, Optional<PyValue>>> items = new HashMap<>();
    private final Map<ObjectKey, String> wholeTexts = new HashMap<>();

    public SnapshotValues(PythonTarget target) {
        this.target = target;
    }

    /** The locals as first read, or the failure of that read again (the frame had returned). */
    private record Read(List<NamedValue> values, ReaderException failure) {
    }

    /**
     * An object by what the reader showed of it: an address whose object was freed and reused for
     * another type is another object.
     */
    private record ObjectKey(long address, PyValue.Kind kind, String typeName) {
        static ObjectKey of(PyValue value) {
            return new ObjectKey(value.address(), value.kind(), value.typeName());
        }
    }

    /** A module's globals by its file and {@code __name__}: every frame of one module sees one read. */
    private record Module(String file, String name) {
    }

    @Override
    public synchronized List<NamedValue> locals(PythonFrame frame) {
        Read read = locals.get(frame);
        if (read == null) {
            try {
                read = new Read(target.locals(frame), null);
            } catch (ProcessExitedException e) {
                throw e;
            } catch (ReaderException e) {
                read = new Read(null, e);
            }
            locals.put(frame, read);
        }
        if (read.failure() != null) {
            throw read.failure();
        }
        return read.values();
    }

    /**
     * A frame's module globals. Frames of one module share the first read (the same file and
     * {@code __name__}); a module loaded twice, as {@code __main__} and by its name, stays two.
     */
    @Override
    public synchronized List<NamedValue> globals(PythonFrame frame) {
        List<NamedValue> kept = globalsByFrame.get(frame);
        if (kept == null) {
            List<NamedValue> read = target.globals(frame);
            Optional<String> name = read.stream().filter(v -> v.name().equals("__name__"))
                    .map(v -> v.value().text()).findFirst();
            kept = name.isEmpty() ? read : globalsByModule.computeIfAbsent(new Module(frame.file(), name.get()),
                    m -> read);
            globalsByFrame.put(frame, kept);
        }
        return kept;
    }

    /** Children {@code [start, start + count)} of a container or object, from its kept pages. */
    public synchronized List<NamedValue> children(PyValue value, int start, int count) {
        List<NamedValue> out = new ArrayList<>();
        int end = (int) Math.min((long) start + count, value.childCount());
        int i = Math.max(0, start);
        while (i < end) {
            List<NamedValue> page = page(value, i / PAGE);
            int offset = i % PAGE;
            if (offset >= page.size()) {
                break; // the container had fewer children when this page was read
            }
            int n = Math.min(page.size() - offset, end - i);
            out.addAll(page.subList(offset, offset + n));
            i += n;
        }
        return out;
    }

    private List<NamedValue> page(PyValue value, int index) {
        return pages.computeIfAbsent(ObjectKey.of(value), k -> new HashMap<>()).computeIfAbsent(index,
                i -> List.copyOf(target.children(value, i * PAGE, Math.min(PAGE, value.childCount() - i * PAGE))));
    }

    /** An attribute among the object's children as they were read. */
    @Override
    public synchronized Optional<PyValue> attribute(PyValue value, String name) {
        if (value.kind() != PyValue.Kind.OBJECT) {
            return Optional.empty();
        }
        return children(value, 0, value.childCount()).stream().filter(c -> c.name().equals(name))
                .map(NamedValue::value).findFirst();
    }

    /**
     * A sequence's item by its place among the children read; a dict's by the key its child is
     * named with, or, for a key whose name is not a literal pyprobe reads, by a lookup of its own.
     */
    @Override
    public synchronized Optional<PyValue> item(PyValue value, Expression.Key key) {
        switch (value.kind()) {
            case LIST:
            case TUPLE:
                return sequenceItem(value, key);
            case DICT:
                return dictItem(value, key);
            default:
                return Optional.empty();
        }
    }

    private Optional<PyValue> sequenceItem(PyValue value, Expression.Key key) {
        if (!(key instanceof Expression.IntKey i)) {
            return Optional.empty();
        }
        long index = i.value() < 0 ? value.childCount() + i.value() : i.value();
        if (index < 0 || index >= value.childCount()) {
            return Optional.empty();
        }
        return children(value, (int) index, 1).stream().map(NamedValue::value).findFirst();
    }

    private Optional<PyValue> dictItem(PyValue value, Expression.Key key) {
        if (value.childCount() <= MAX_SCANNED_ENTRIES) {
            for (NamedValue entry : children(value, 0, value.childCount())) {
                if (key.equals(keyNamed(entry.name()))) {
                    return Optional.of(entry.value());
                }
            }
        }
        return items.computeIfAbsent(ObjectKey.of(value), k -> new HashMap<>())
                .computeIfAbsent(key, k -> target.item(value, k.literal()));
    }

    /** The key a dict entry's name (its key's repr) stands for, or null when it is no literal pyprobe reads. */
    private static Expression.Key keyNamed(String name) {
        try {
            Expression e = ExpressionParser.parse("d[" + name + "]");
            return e.steps().size() == 1 && e.steps().get(0) instanceof Expression.Item item ? item.key() : null;
        } catch (ExpressionException e) {
            return null;
        }
    }

    /**
     * The value's whole text (what Copy Value copies). A text the reader did not cut (it marks a cut
     * with {@code ...}) is whole already and is the snapshot's: read again, the object might be
     * another by now (an int is freed when its variable moves on, and its memory reused). A cut
     * one is read whole the first time it is asked for.
     */
    public synchronized String wholeText(PyValue value) {
        if (value.address() == 0 || !value.text().contains(CUT)) {
            return value.text();
        }
        return wholeTexts.computeIfAbsent(ObjectKey.of(value), k -> target.wholeText(value));
    }
}
