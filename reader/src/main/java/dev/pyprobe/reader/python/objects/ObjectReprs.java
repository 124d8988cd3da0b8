package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The repr of objects that are not plain values, as far as memory tells it without running any
 * code: modules, functions, classes, bound and built-in methods, code objects, and
 * {@code object.__repr__}'s {@code <module.Class object at 0x...>} for everything else (a class's
 * own {@code __repr__} would have to run). Where a part cannot be read, that default form stands in.
 */
final class ObjectReprs {
    /** {@code PyCFunctionObject}'s {@code m_ml} and {@code m_self}: the same in every version. */
    private static final int C_FUNCTION_DEF = 16;
    private static final int C_FUNCTION_SELF = 24;
    /** {@code PyMethodObject}'s {@code im_func} and {@code im_self}: the same in every version. */
    private static final int METHOD_FUNCTION = 16;
    private static final int METHOD_SELF = 24;
    /** A module spec has a handful of attributes; more means it is not one. */
    private static final int MAX_SPEC_ATTRIBUTES = 64;
    private static final Set<String> MODULE_NAMES = Set.of("__name__", "__file__", "__spec__");
    private static final Map<String, String> LOADER_ORIGINS = Map.of("BuiltinImporter", "built-in",
            "FrozenImporter", "frozen");

    private final RemoteMemory memory;
    private final TypeCache types;
    private final StringReader strings;
    private final NumberReader numbers;
    private final DictReader dicts;
    private final InstanceAttributes attributes;
    private final ObjectLinks links;
    private final ClassNames classNames;
    private final LongFunction<String> codeNames;
    private final boolean python2;

    /**
     * @param codeNames the name of the code object at an address, qualified where the version's
     *                  code objects carry one (3.11+): the name a function shows in its repr
     */
    ObjectReprs(ObjectHeap heap, ClassNames classNames, LongFunction<String> codeNames, boolean python2) {
        this.memory = heap.memory();
        this.types = heap.types();
        this.strings = heap.strings();
        this.numbers = heap.numbers();
        this.dicts = heap.dicts();
        this.attributes = heap.attributes();
        this.links = heap.links();
        this.classNames = classNames;
        this.codeNames = codeNames;
        this.python2 = python2;
    }

    /**
     * The repr of the object at {@code address}, of a kind that is not a plain value.
     *
     * @param nested renders an object this one shows inside it (a method's self, a wrapped function)
     */
    String text(long address, BuiltinKind kind, LongFunction<String> nested) {
        TypeInfo type = types.typeOf(address);
        try {
            switch (kind) {
                case MODULE:
                    return module(address);
                case FUNCTION:
                    return "<function " + functionName(address) + " at " + hex(address) + ">";
                case CLASSMETHOD:
                case STATICMETHOD:
                    return "<" + type.name() + "(" + nested.apply(links.wrappedCallable(address)) + ")>";
                case METHOD:
                    return method(address, nested);
                case BUILTIN_FUNCTION:
                    return builtinFunction(address);
                case CODE:
                    return "<code object " + codeNames.apply(address) + " at " + hex(address) + ">";
                default:
                    if (type.isTypeSubclass()) {
                        return classRepr(types.type(address));
                    }
            }
        } catch (MemoryReadException e) {
            // The part that names it is unreadable: the default form still says what it is.
        }
        return "<" + classNames.of(type) + " object at " + hex(address) + ">";
    }

    private String functionName(long function) {
        return codeNames.apply(links.functionCode(function));
    }

    /**
     * Python 3 names the place a module was loaded from through its spec: a file ({@code from
     * '...'}) or an origin such as {@code built-in} or {@code frozen}. A module without a spec
     * ({@code __main__} run as a script) and Python 2 go by {@code __file__}; Python 2 calls a
     * module without one built-in.
     */
    private String module(long module) {
        Map<String, Long> names = dicts.lookupAll(links.moduleDict(module), MODULE_NAMES);
        String name = text(names.get("__name__"));
        String head = "<module " + PythonRepr.str(name == null ? "?" : name, false);
        Long spec = names.get("__spec__");
        if (!python2 && spec != null && !types.isNone(spec)) {
            Origin origin = origin(spec);
            if (origin.place() != null) {
                return head + (origin.isFile() ? " from " + PythonRepr.str(origin.place(), false)
                        : " (" + origin.place() + ")") + ">";
            }
        }
        String file = text(names.get("__file__"));
        if (file != null) {
            return head + " from " + PythonRepr.str(file, false) + ">";
        }
        return head + (python2 ? " (built-in)>" : ">");
    }

    /** A module spec's {@code origin}, and whether it is a file ({@code has_location}). */
    private record Origin(String place, boolean isFile) {
    }

    /**
     * The spec's origin; without one (3.6's specs of built-in and frozen modules), what its
     * loader's {@code module_repr} calls them.
     */
    private Origin origin(long spec) {
        String place = null;
        String loader = null;
        boolean isFile = false;
        for (Map.Entry<String, Long> a : attributes.read(spec, MAX_SPEC_ATTRIBUTES)) {
            long value = a.getValue();
            switch (a.getKey()) {
                case "origin" -> place = text(value);
                case "loader" -> loader = types.isClass(value) ? types.type(value).name() : null;
                case "_set_fileattr" -> isFile = types.kindOf(value) == BuiltinKind.BOOL
                        && numbers.integer(value).signum() != 0;
                default -> {
                }
            }
        }
        if (place == null && loader != null) {
            place = LOADER_ORIGINS.get(loader);
        }
        return new Origin(place, isFile);
    }

    /** A str's text (Python 2: str or unicode), or null for anything else. */
    private String text(Long address) {
        if (address == null) {
            return null;
        }
        BuiltinKind kind = types.kindOf(address);
        return kind == BuiltinKind.STR || kind == BuiltinKind.BYTES ? strings.name(address) : null;
    }

    /** Python 2 calls its C types {@code type}; classes written in Python, and every class of Python 3, {@code class}. */
    private String classRepr(TypeInfo cls) {
        String word = python2 && !cls.isHeapType() ? "type" : "class";
        return "<" + word + " " + PythonRepr.str(classNames.of(cls), false) + ">";
    }

    /** A function bound to its object; Python 2's unbound methods have none. */
    private String method(long method, LongFunction<String> nested) {
        long function = memory.readLong(method + METHOD_FUNCTION);
        long self = memory.readLong(method + METHOD_SELF);
        BuiltinKind kind = types.kindOf(function);
        String name = kind == BuiltinKind.FUNCTION ? functionName(function)
                : kind == BuiltinKind.BUILTIN_FUNCTION ? builtinName(function) : "?";
        return self == 0 ? "<unbound method " + name + ">" : "<bound method " + name + " of " + nested.apply(self) + ">";
    }

    /** A C function: a module's is a function, one bound to any other object a method of it. */
    private String builtinFunction(long function) {
        String name = builtinName(function);
        long self = memory.readLong(function + C_FUNCTION_SELF);
        if (self == 0 || types.kindOf(self) == BuiltinKind.MODULE) {
            return "<built-in function " + name + ">";
        }
        return "<built-in method " + name + " of " + types.typeOf(self).name() + " object at " + hex(self) + ">";
    }

    /** {@code m_ml->ml_name}: the method definition's name comes first in it. */
    private String builtinName(long function) {
        long definition = memory.readLong(function + C_FUNCTION_DEF);
        return CStrings.read(memory, memory.readLong(definition), ReadLimits.MAX_NAME_CHARS);
    }

    private static String hex(long address) {
        return String.format("0x%x", address);
    }
}
