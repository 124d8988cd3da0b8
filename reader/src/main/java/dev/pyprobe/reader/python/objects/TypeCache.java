package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.util.HashMap;
import java.util.Map;

/**
 * The target's types: which builtin kind an object is (found by its type's address, so look-alike
 * subclasses are not taken for builtins), which object is None, and what the reader needs of any
 * type object. {@code PyTypeObject}'s fields used here sit at the same offsets in every version.
 */
public final class TypeCache {
    private static final int TP_NAME = 24;
    private static final int TP_BASICSIZE = 32;
    private static final int TP_FLAGS = 168;
    private static final int TP_BASE = 256;
    private static final int TP_DICTOFFSET = 288;
    private static final int TYPE_READ = TP_DICTOFFSET + 8;
    private static final int MAX_TYPE_NAME = 256;
    /** Deeper than any real class hierarchy: a longer chain of bases is garbage. */
    private static final int MAX_BASES = 64;

    private final RemoteMemory memory;
    private final Map<Long, BuiltinKind> builtinTypes;
    private final long noneAddress;
    private final Map<Long, TypeInfo> types = new HashMap<>();

    /** @param builtinAddresses address of each builtin type object (and of None) in the target */
    public TypeCache(RemoteMemory memory, Map<Long, BuiltinKind> builtinAddresses) {
        this.memory = memory;
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

    public boolean isNone(long address) {
        return address == noneAddress;
    }

    public BuiltinKind kindOf(long address) {
        if (address == noneAddress) {
            return BuiltinKind.NONE;
        }
        return kindOfType(memory.readLong(address + ObjectHeader.OB_TYPE));
    }

    /** The kind of the object at {@code address}, whose {@code ob_type} was already read. */
    BuiltinKind kindOf(long address, long typeAddress) {
        return address == noneAddress ? BuiltinKind.NONE : kindOfType(typeAddress);
    }

    /** The builtin kind of objects of the type at {@code typeAddress} ({@link BuiltinKind#OTHER} if none). */
    public BuiltinKind kindOfType(long typeAddress) {
        return builtinTypes.getOrDefault(typeAddress, BuiltinKind.OTHER);
    }

    public TypeInfo typeOf(long address) {
        return type(memory.readLong(address + ObjectHeader.OB_TYPE));
    }

    /** Type objects are few and immortal in practice: cached by address for the session. */
    public synchronized TypeInfo type(long typeAddress) {
        TypeInfo cached = types.get(typeAddress);
        if (cached != null) {
            return cached;
        }
        RemoteBytes t = memory.bytesAt(typeAddress, TYPE_READ);
        String name = CStrings.read(memory, t.i64(TP_NAME), MAX_TYPE_NAME);
        TypeInfo info = new TypeInfo(typeAddress, name, t.i64(TP_FLAGS), t.i64(TP_BASICSIZE), t.i64(TP_DICTOFFSET),
                kindOfType(typeAddress).valueKind(), t.i64(TP_BASE));
        types.put(typeAddress, info);
        return info;
    }

    /**
     * Whether the object's type is the type named {@code typeName} or derives from it (through
     * {@code tp_base}, single inheritance as C types have it).
     */
    public boolean isInstance(long object, String typeName) {
        long type = memory.readLong(object + ObjectHeader.OB_TYPE);
        for (int depth = 0; type != 0 && depth < MAX_BASES; depth++) {
            TypeInfo info = type(type);
            if (info.name().equals(typeName)) {
                return true;
            }
            type = info.base();
        }
        return false;
    }

    /** Whether the object is a class: its type is {@code type} or a metaclass. */
    public boolean isClass(long object) {
        return typeOf(object).isTypeSubclass();
    }
}
