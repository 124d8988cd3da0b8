package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.ObjectHeap;
import dev.pyprobe.reader.python.CodeLocation;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the tracing mechanisms need to know of the process: its interpreter binary, version and
 * layout, where its runtime and interpreter state are, its objects (for the names a USDT probe
 * passes), and which other functions share a function's bytecode buffer (a watchpoint cannot tell
 * them apart).
 */
public record TracedProcess(TargetProcess process, InterpreterBinary binary, PythonVersion version, Layout layout,
                            long runtime, LongSupplier interpreterHead, ObjectHeap heap,
                            Function<CodeLocation, List<String>> sharingBytecode) {
    public int pid() {
        return process.pid();
    }

    /**
     * What a stripped build needs for the mechanisms that read its local symbols: its debug
     * file, which Debian and Ubuntu ship in pythonX.Y-dbg (beside a debug build of their own).
     */
    public String debugSymbolsAdvice() {
        return "install the debug symbols of " + binary.path() + " (Debian and Ubuntu: python" + version.series()
                + "-dbg, which has them)";
    }

    /** The interpreter state (the head of the list: the main one unless subinterpreters exist). */
    public long interpreter() {
        return interpreterHead.getAsLong();
    }
}
