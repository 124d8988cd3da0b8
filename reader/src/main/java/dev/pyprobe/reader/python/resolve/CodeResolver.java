package dev.pyprobe.reader.python.resolve;

import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.code.CodeObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a user writes into code locations: a function as {@code module:function},
 * {@code module:Class.method} or a bare {@code name}, and a line as {@code file} + line number.
 */
public final class CodeResolver {
    private final ReachableCode reachable;

    public CodeResolver(ReachableCode reachable) {
        this.reachable = reachable;
    }

    /** Every function matching {@code spec}; empty when none does. */
    public List<CodeLocation> function(long modulesDict, String spec) {
        int colon = spec.indexOf(':');
        String module = colon >= 0 ? spec.substring(0, colon).trim() : null;
        String name = (colon >= 0 ? spec.substring(colon + 1) : spec).trim();
        List<CodeLocation> out = new ArrayList<>();
        for (ReachableCode.Found f : reachable.walk(modulesDict, m -> module == null || m.equals(module))) {
            if (matches(f, name)) {
                CodeObject c = f.code();
                out.add(new CodeLocation(f.qualifiedName(), f.module(), c.file(), c.firstLine(), c.address(),
                        c.bytecodeStart()));
            }
        }
        return out;
    }

    /**
     * With a dotted name the qualified name must match; a bare name matches a function of that
     * name anywhere (module level, in a class, or nested).
     */
    private static boolean matches(ReachableCode.Found f, String name) {
        String q = f.qualifiedName();
        if (name.contains(".")) {
            return q.equals(name);
        }
        return q.equals(name) || q.endsWith("." + name);
    }

    /** The code that holds instructions of {@code file:line}, with the address of the line's first one. */
    public List<CodeLocation> line(long modulesDict, String file, int line) {
        List<CodeLocation> out = new ArrayList<>();
        for (ReachableCode.Found f : reachable.walk(modulesDict, m -> true)) {
            CodeObject c = f.code();
            if (!sameFile(c.file(), file)) {
                continue;
            }
            int offset = c.firstOffsetOfLine(line);
            if (offset >= 0) {
                out.add(new CodeLocation(f.qualifiedName(), f.module(), c.file(), line, c.address(),
                        c.bytecodeStart() + offset));
            }
        }
        return out;
    }

    /**
     * The other functions whose bytecode is the very buffer of {@code location}'s code: CPython
     * (3.10 here) merges the identical bytecode of a module's functions into one bytes object, so
     * a watchpoint on one of them sees the others run too.
     */
    public List<String> sharingBytecode(long modulesDict, CodeLocation location) {
        List<ReachableCode.Found> all = reachable.walk(modulesDict, m -> true);
        long start = all.stream().filter(f -> f.code().address() == location.codeAddress())
                .mapToLong(f -> f.code().bytecodeStart()).findFirst().orElse(0);
        List<String> out = new ArrayList<>();
        for (ReachableCode.Found f : all) {
            if (start != 0 && f.code().bytecodeStart() == start && f.code().address() != location.codeAddress()) {
                out.add(f.module() + ":" + f.qualifiedName());
            }
        }
        return out;
    }

    /** A path given by the user names a code file if it is the same path or a trailing part of it. */
    static boolean sameFile(String codeFile, String asked) {
        return codeFile.equals(asked) || codeFile.endsWith("/" + asked) || asked.endsWith("/" + codeFile);
    }
}
