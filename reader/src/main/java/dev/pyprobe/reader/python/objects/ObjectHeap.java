package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The object readers of one target, built from one version's layout: one reader per kind of
 * object, all sharing one type cache. Every size read from the target is bounded before it is
 * used, so garbage yields a {@link dev.pyprobe.reader.MemoryReadException}, never a hang.
 */
public final class ObjectHeap {
    private final RemoteMemory memory;
    private final TypeCache types;
    private final StringReader strings;
    private final NumberReader numbers;
    private final SequenceReader sequences;
    private final SetReader sets;
    private final DictReader dicts;
    private final InstanceAttributes attributes;
    private final ObjectLinks links;

    /** @param builtinAddresses address of each builtin type object (and of None) in the target */
    public ObjectHeap(RemoteMemory memory, Layout.Objects layout, Map<Long, BuiltinKind> builtinAddresses) {
        this.memory = memory;
        this.types = new TypeCache(memory, builtinAddresses);
        this.strings = new StringReader(memory, types, layout);
        this.numbers = new NumberReader(memory, types, layout.ints());
        this.sequences = new SequenceReader(memory, layout);
        this.sets = new SetReader(memory, types, strings, layout);
        this.dicts = new DictReader(memory, strings, layout);
        this.attributes = new InstanceAttributes(memory, types, strings, dicts, layout);
        this.links = new ObjectLinks(memory, layout);
    }

    public RemoteMemory memory() {
        return memory;
    }

    public TypeCache types() {
        return types;
    }

    public StringReader strings() {
        return strings;
    }

    public NumberReader numbers() {
        return numbers;
    }

    public SequenceReader sequences() {
        return sequences;
    }

    public SetReader sets() {
        return sets;
    }

    public DictReader dicts() {
        return dicts;
    }

    public InstanceAttributes attributes() {
        return attributes;
    }

    public ObjectLinks links() {
        return links;
    }

    /**
     * Where the UTF-8 bytes of a str live (see {@link StringReader#utf8Address}). Kept here because
     * the trace package reads it through {@code TracedProcess.heap()}.
     */
    public OptionalLong utf8Address(long address) {
        return strings.utf8Address(address);
    }
}
