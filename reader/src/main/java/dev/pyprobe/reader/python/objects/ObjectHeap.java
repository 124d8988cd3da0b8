package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the builtin objects of the target (strings, numbers, containers, dicts, instance
 * attributes) from its memory, using one version's layout. Every size read from the target is
 * bounded before it is used, so garbage yields a {@link MemoryReadException}, never a hang.
 */
public final class ObjectHeap {
    private static final int OB_TYPE = 8;
    private static final int OB_SIZE = 16;
    private static final int TP_NAME = 24;
    private static final int TP_BASICSIZE = 32;
    private static final int TP_FLAGS = 168;
    private static final int TP_DICTOFFSET = 288;
    private static final int TYPE_READ = TP_DICTOFFSET + 8;
    private static final int MAX_TYPE_NAME = 256;
    private static final int INLINE_NAME_BYTES = 64;
    /** A str header (at most 72 bytes) and the characters of a name of up to 64 bytes. */
    private static final int NAME_PREFETCH = 80 + INLINE_NAME_BYTES;
    /** Larger than any real container we would walk entry by entry. */
    private static final long MAX_SLOTS = 1L << 26;

    private final RemoteMemory memory;
    private final Layout.Objects layout;
    private final Map<Long, BuiltinKind> builtinTypes;
    private final long noneAddress;
    private final Map<Long, TypeInfo> types = new HashMap<>();

    /**
     * @param builtinAddresses address of each builtin type object (and of None) in the target
     */
    public ObjectHeap(RemoteMemory memory, Layout.Objects layout, Map<Long, BuiltinKind> builtinAddresses) {
        this.memory = memory;
        this.layout = layout;
        Map<Long, BuiltinKind> typesOnly = new HashMap<>(builtinAddresses);
        long none = 0;
        for (Map.Entry<Long, BuiltinKind> e : builtinAddresses.entrySet()) {
            if (e.getValue() == BuiltinKind.NONE) {
                none = e.getKey();
                typesOnly.remove(e.getKey());
            }
        }
        this.builtinTypes = typesOnly;
        this.noneAddress = none;
    }

    public RemoteMemory memory() {
        return memory;
    }

    public boolean isNone(long address) {
        return address == noneAddress;
    }

    public BuiltinKind kindOf(long address) {
        if (address == noneAddress) {
            return BuiltinKind.NONE;
        }
        return kindOfType(memory.readLong(address + OB_TYPE));
    }

    /** The builtin kind of objects of the type at {@code typeAddress} ({@link BuiltinKind#OTHER} if none). */
    public BuiltinKind kindOfType(long typeAddress) {
        return builtinTypes.getOrDefault(typeAddress, BuiltinKind.OTHER);
    }

    public TypeInfo typeOf(long address) {
        return type(memory.readLong(address + OB_TYPE));
    }

    /** Type objects are few and immortal in practice: cached by address for the session. */
    public synchronized TypeInfo type(long typeAddress) {
        TypeInfo cached = types.get(typeAddress);
        if (cached != null) {
            return cached;
        }
        RemoteBytes t = memory.bytesAt(typeAddress, TYPE_READ);
        String name = cString(t.i64(TP_NAME), MAX_TYPE_NAME);
        BuiltinKind kind = builtinTypes.getOrDefault(typeAddress, BuiltinKind.OTHER);
        TypeInfo info = new TypeInfo(typeAddress, name, t.i64(TP_FLAGS), t.i64(TP_BASICSIZE), t.i64(TP_DICTOFFSET),
                kind.valueKind());
        types.put(typeAddress, info);
        return info;
    }

    /** A NUL-terminated C string of at most {@code max} bytes. */
    public String cString(long address, int max) {
        byte[] raw = readUpTo(address, max);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /** Reads {@code max} bytes, or fewer when the range runs into unmapped memory. */
    private byte[] readUpTo(long address, int max) {
        try {
            return memory.read(address, max);
        } catch (MemoryReadException e) {
            int toPageEnd = (int) (4096 - (address & 4095));
            return memory.read(address, Math.min(max, toPageEnd));
        }
    }

    // ---- strings -------------------------------------------------------------------------

    /** A decoded string and whether it was cut at the limit. */
    public record Text(String value, long length, boolean truncated) {
    }

    /** A str (unicode) object, cut at {@code maxChars}. */
    public Text text(long address, int maxChars) {
        switch (layout.strings()) {
            case "PY2":
                return py2Unicode(address, maxChars);
            case "PEP393_311":
                return pep393(address, maxChars, 48, 72);
            case "PEP393_312":
                return pep393(address, maxChars, 40, 56);
            default:
                throw new IllegalStateException("unknown string model " + layout.strings());
        }
    }

    /**
     * Where the UTF-8 bytes that {@code PyUnicode_AsUTF8} (Python 2: {@code PyString_AsString})
     * returns for this string live: inside a compact ASCII str, else in the buffer the str caches
     * once encoded. Empty when a non-ASCII str has not been encoded yet.
     */
    public java.util.OptionalLong utf8Address(long address) {
        switch (layout.strings()) {
            case "PY2":
                return java.util.OptionalLong.of(bytesData(address));
            case "PEP393_311":
                return pep393Utf8(address, 48);
            case "PEP393_312":
                return pep393Utf8(address, 40);
            default:
                throw new IllegalStateException("unknown string model " + layout.strings());
        }
    }

    private java.util.OptionalLong pep393Utf8(long address, int asciiHeader) {
        RemoteBytes h = memory.bytesAt(address, asciiHeader + 16);
        long state = h.u32(32);
        boolean compact = (state & (1 << 5)) != 0;
        boolean ascii = (state & (1 << 6)) != 0;
        if (compact && ascii) {
            return java.util.OptionalLong.of(address + asciiHeader);
        }
        long utf8 = h.i64(asciiHeader + 8); // PyCompactUnicodeObject: utf8_length, then utf8
        return utf8 == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(utf8);
    }

    /** A name (code, function, attribute, key): str in Python 3, str or unicode in Python 2. */
    public String name(long address) {
        if ("PY2".equals(layout.strings()) && kindOf(address) == BuiltinKind.BYTES) {
            Bytes b = bytes(address, ReadLimits.MAX_NAME_CHARS);
            return new String(b.value(), StandardCharsets.UTF_8);
        }
        return text(address, ReadLimits.MAX_NAME_CHARS).value();
    }

    private Text pep393(long address, int maxChars, int asciiHeader, int compactHeader) {
        return pep393(address, headerWithInlineData(address, compactHeader + 8), maxChars, asciiHeader, compactHeader);
    }

    /** Decodes a str from its header {@code h} (read at {@code address}), reading more only if needed. */
    private Text pep393(long address, RemoteBytes h, int maxChars, int asciiHeader, int compactHeader) {
        long length = h.i64(OB_SIZE);
        long state = h.u32(32);
        int kind = (int) ((state >> 2) & 7);
        boolean compact = (state & (1 << 5)) != 0;
        boolean ascii = (state & (1 << 6)) != 0;
        if (length < 0 || (kind != 1 && kind != 2 && kind != 4)) {
            throw new MemoryReadException(address, 0, "not a str object (length " + length + ", kind " + kind + ")");
        }
        long data = compact ? address + (ascii ? asciiHeader : compactHeader) : h.i64(compactHeader);
        int chars = (int) Math.min(length, maxChars);
        byte[] raw = h.covers(data, chars * kind) ? h.slice((int) (data - address), chars * kind)
                : memory.read(data, chars * kind);
        Charset cs = kind == 1 ? StandardCharsets.ISO_8859_1 : kind == 2 ? StandardCharsets.UTF_16LE : UTF_32LE;
        return new Text(new String(raw, cs), length, chars < length);
    }

    /**
     * Names are short and compact strings keep their characters right after the header: read
     * both at once, which halves the system calls of reading a name. Near the end of a mapping
     * the longer read can fail; then the header alone is read.
     */
    private RemoteBytes headerWithInlineData(long address, int headerSize) {
        try {
            return memory.bytesAt(address, headerSize + INLINE_NAME_BYTES);
        } catch (MemoryReadException e) {
            return memory.bytesAt(address, headerSize);
        }
    }

    private Text py2Unicode(long address, int maxChars) {
        RemoteBytes h = memory.bytesAt(address, 32);
        long length = h.i64(OB_SIZE);
        if (length < 0) {
            throw new MemoryReadException(address, 0, "not a unicode object");
        }
        int chars = (int) Math.min(length, maxChars);
        // Python 2 builds here store Py_UNICODE as UCS4.
        byte[] raw = memory.read(h.i64(24), chars * 4);
        return new Text(new String(raw, UTF_32LE), length, chars < length);
    }

    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** A bytes object (Python 2: str), cut at {@code maxBytes}. */
    public record Bytes(byte[] value, long length, boolean truncated) {
    }

    public Bytes bytes(long address, int maxBytes) {
        long length = memory.readLong(address + OB_SIZE);
        if (length < 0) {
            throw new MemoryReadException(address, 0, "not a bytes object");
        }
        int n = (int) Math.min(length, maxBytes);
        return new Bytes(memory.read(bytesData(address), n), length, n < length);
    }

    /** Address of the first byte of a bytes object's data (Python 2's str keeps a state byte more). */
    public long bytesData(long address) {
        return address + ("PY2".equals(layout.strings()) ? 36 : 32);
    }

    // ---- numbers -------------------------------------------------------------------------

    public BigInteger integer(long address) {
        if (kindOf(address) == BuiltinKind.PY2_INT || ("PY2".equals(layout.ints()) && kindOf(address) == BuiltinKind.BOOL)) {
            return BigInteger.valueOf(memory.readLong(address + 16));
        }
        long header = memory.readLong(address + 16);
        long ndigits;
        int sign;
        if ("LV_TAG".equals(layout.ints())) {
            ndigits = header >>> 3;
            sign = 1 - (int) (header & 3);
        } else {
            ndigits = Math.abs(header);
            sign = Long.signum(header);
        }
        if (ndigits > 1_000_000) {
            throw new MemoryReadException(address, 0, "not an int object (" + ndigits + " digits)");
        }
        RemoteBytes digits = memory.bytesAt(address + 24, (int) ndigits * 4);
        BigInteger value = BigInteger.ZERO;
        for (int i = (int) ndigits - 1; i >= 0; i--) {
            value = value.shiftLeft(30).or(BigInteger.valueOf(digits.u32(i * 4) & 0x3fffffffL));
        }
        return sign < 0 ? value.negate() : value;
    }

    public double floatValue(long address) {
        return memory.bytesAt(address + 16, 8).f64(0);
    }

    // ---- containers ----------------------------------------------------------------------

    /** Number of items of a tuple or list (ob_size), or of a dict or set. */
    public long size(long address, BuiltinKind kind) {
        switch (kind) {
            case TUPLE:
            case LIST:
                return bounded(memory.readLong(address + OB_SIZE), address);
            case DICT:
                return bounded(memory.readLong(address + ("DICT_27".equals(layout.dict()) ? 24 : 16)), address);
            case SET:
                return bounded(memory.readLong(address + 24), address);
            default:
                return 0;
        }
    }

    /** Item pointers {@code [start, start+count)} of a tuple or list. */
    public long[] sequenceItems(long address, BuiltinKind kind, long start, int count) {
        long size = size(address, kind);
        int n = (int) Math.max(0, Math.min(count, size - start));
        if (n == 0) {
            return new long[0];
        }
        long items = kind == BuiltinKind.TUPLE ? address + layout.tupleItems() : memory.readLong(address + 24);
        RemoteBytes b = memory.bytesAt(items + start * 8, n * 8);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.i64(i * 8);
        }
        return out;
    }

    /** One key/value pair of a dict, as object addresses. */
    public record Entry(long key, long value) {
    }

    /** Entries of a dict in storage order (insertion order for 3.6+), at most {@code max}. */
    public List<Entry> dictEntries(long dict, int max) {
        return DictLayouts.forModel(layout.dict()).entries(memory, dict, max);
    }

    /** Elements of a set or frozenset, at most {@code max}. */
    public List<Long> setItems(long set, int max) {
        RemoteBytes s = memory.bytesAt(set, 48);
        long mask = s.i64(32);
        long table = s.i64(40);
        if (mask < 0 || mask >= MAX_SLOTS) {
            throw new MemoryReadException(set, 0, "not a set object (mask " + mask + ")");
        }
        int slots = (int) mask + 1;
        boolean py2 = "SET_27".equals(layout.setModel());
        RemoteBytes entries = memory.bytesAt(table, slots * 16);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < slots && out.size() < max; i++) {
            long key = entries.i64(i * 16 + (py2 ? 8 : 0));
            if (key == 0) {
                continue;
            }
            out.add(key);
        }
        return dropDummies(out, s.i64(24));
    }

    /**
     * Deleted set slots hold one shared dummy object. Real elements are distinct objects, so when
     * there are more keys than {@code used}, the address that repeats (or, with a single deleted
     * slot, the one whose type is not that of a real element) is the dummy.
     */
    private List<Long> dropDummies(List<Long> keys, long used) {
        if (keys.size() <= used) {
            return keys;
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (long k : keys) {
            counts.merge(k, 1, Integer::sum);
        }
        List<Long> out = new ArrayList<>();
        for (long k : keys) {
            if (counts.get(k) == 1 && !isDummy(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private boolean isDummy(long key) {
        try {
            String typeName = typeOf(key).name();
            // Python 3's dummy has its own type; Python 2's is the str "<dummy key>".
            return typeName.contains("dummy") || ("PY2".equals(layout.strings())
                    && kindOf(key) == BuiltinKind.BYTES && "<dummy key>".equals(name(key)));
        } catch (MemoryReadException e) {
            return true;
        }
    }

    /**
     * Looks a str key up in a dict by comparing names (the target's hashes are salted, so they
     * cannot be computed here). The keys' headers, with the characters of short names, are read
     * in one batch: a lookup in sys.modules costs one system call, not two per module.
     */
    public long dictLookup(long dict, String key) {
        List<Entry> entries = dictEntries(dict, Integer.MAX_VALUE);
        ReadBatch batch = new ReadBatch();
        List<ReadBatch.Request> heads = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            heads.add(batch.add(e.key(), NAME_PREFETCH));
        }
        memory.read(batch);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            try {
                if (key.equals(keyName(e.key(), heads.get(i)))) {
                    return e.value();
                }
            } catch (MemoryReadException ignored) {
                // A key we cannot read is not the one we look for.
            }
        }
        return 0;
    }

    /** The key's name if it is a str (or a Python 2 str), from the prefetched header when it can. */
    private String keyName(long key, ReadBatch.Request head) {
        if (head.failed()) {
            BuiltinKind k = kindOf(key);
            return k == BuiltinKind.STR || k == BuiltinKind.BYTES ? name(key) : null;
        }
        RemoteBytes h = head.bytes();
        BuiltinKind k = key == noneAddress ? BuiltinKind.NONE : kindOfType(h.i64(OB_TYPE));
        if (k == BuiltinKind.STR && "PEP393_311".equals(layout.strings())) {
            return pep393(key, h, ReadLimits.MAX_NAME_CHARS, 48, 72).value();
        }
        if (k == BuiltinKind.STR && "PEP393_312".equals(layout.strings())) {
            return pep393(key, h, ReadLimits.MAX_NAME_CHARS, 40, 56).value();
        }
        return k == BuiltinKind.STR || k == BuiltinKind.BYTES ? name(key) : null;
    }

    /** Instance attributes of an object (its __dict__ or inline values), name to value address. */
    public List<Map.Entry<String, Long>> attributes(long object, int max) {
        return InstanceAttributes.forModel(layout.attributes(), layout.cachedKeys()).read(this, object, max);
    }

    /** The code object of a function. */
    public long functionCode(long function) {
        return memory.readLong(function + layout.functionCode());
    }

    /** The function wrapped by a classmethod or staticmethod ({@code cm_callable}/{@code sm_callable}). */
    public long wrappedCallable(long descriptor) {
        return memory.readLong(descriptor + 16);
    }

    /** Whether the object is a class (its type has {@code Py_TPFLAGS_TYPE_SUBCLASS}). */
    public boolean isClass(long object) {
        return (typeOf(object).flags() & (1L << 31)) != 0;
    }

    /** The namespace dict of a class ({@code tp_dict}). */
    public long classDict(long type) {
        return memory.readLong(type + layout.typeDict());
    }

    /** The dict of a module object. */
    public long moduleDict(long module) {
        return memory.readLong(module + layout.moduleDict());
    }

    private static long bounded(long n, long address) {
        if (n < 0 || n > MAX_SLOTS) {
            throw new MemoryReadException(address, 0, "implausible container size " + n);
        }
        return n;
    }
}
