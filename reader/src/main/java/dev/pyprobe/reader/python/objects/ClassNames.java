package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a class names itself in reprs, as {@code object.__repr__} and {@code type.__repr__} do: a
 * class written in Python as {@code module.Name} (its {@code __module__} read from its namespace),
 * a C type by its own {@code tp_name}, which already carries the module ({@code
 * collections.OrderedDict}); the builtins module is left out. A nested class shows under its
 * module, not its enclosing class: its {@code __qualname__} lives at a per-version offset of the
 * heap type that the reader does not read.
 */
final class ClassNames {
    /** Where builtins live (Python 3, Python 2): not written before their names. */
    private static final Set<String> BUILTIN_MODULES = Set.of("builtins", "__builtin__");

    private final TypeCache types;
    private final StringReader strings;
    private final DictReader dicts;
    private final ObjectLinks links;
    private final Map<Long, String> names = new HashMap<>();

    ClassNames(TypeCache types, StringReader strings, DictReader dicts, ObjectLinks links) {
        this.types = types;
        this.strings = strings;
        this.dicts = dicts;
        this.links = links;
    }

    /**
     * A class's name in reprs, kept per class (classes do not move to another module); the bare
     * {@code tp_name} when its namespace cannot be read, not kept, as a later read may succeed.
     */
    synchronized String of(TypeInfo type) {
        String cached = names.get(type.address());
        if (cached != null) {
            return cached;
        }
        if (!type.isHeapType()) {
            return type.name();
        }
        String module;
        try {
            module = module(type.address());
        } catch (MemoryReadException e) {
            return type.name();
        }
        // A heap type made in C from a spec is called "module.name" in tp_name; its own name is the last part.
        String own = type.name().substring(type.name().lastIndexOf('.') + 1);
        String name = module == null || BUILTIN_MODULES.contains(module) ? own : module + "." + own;
        names.put(type.address(), name);
        return name;
    }

    /** The class's {@code __module__} when it is a str; null otherwise (a class may set anything there). */
    private String module(long type) {
        long module = dicts.lookup(links.classDict(type), "__module__");
        if (module == 0) {
            return null;
        }
        BuiltinKind kind = types.kindOf(module);
        return kind == BuiltinKind.STR || kind == BuiltinKind.BYTES ? strings.name(module) : null;
    }
}
