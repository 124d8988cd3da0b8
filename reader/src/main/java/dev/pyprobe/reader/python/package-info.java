/**
 * The reader's API for a live CPython process: {@link dev.pyprobe.reader.python.PythonTargets}
 * attaches and gives a {@link dev.pyprobe.reader.python.PythonTarget}, whose threads, stacks,
 * values and tracer are plain records ({@link dev.pyprobe.reader.python.PythonThread},
 * {@link dev.pyprobe.reader.python.PythonFrame}, {@link dev.pyprobe.reader.python.PyValue}, ...)
 * with no offsets or raw structures in them.
 *
 * <p>Behind it, {@code LivePythonTarget} only puts the parts of the sub-packages together for the
 * target's version; {@code StateReads} reads the interpreter's state again when it changes under
 * a read, {@code RecentMaps} keeps a recent memory map, and {@code TracerSlot} makes the tracer on
 * first use and closes it with the target. The sub-packages: {@code attach} (binary, version,
 * layout, symbols), {@code layout} (per-version offsets), {@code objects} (values),
 * {@code code} (code objects, line tables), {@code threads}, {@code frames} (stacks, locals),
 * {@code resolve} (modules, functions and lines) and {@code trace} (tracepoints).
 */
package dev.pyprobe.reader.python;
