/**
 * Attaching to a process: {@link dev.pyprobe.reader.python.attach.InterpreterBinary} finds the ELF
 * that holds the interpreter (libpython when mapped, else the executable), {@link dev.pyprobe.reader.python.attach.VersionDetector}
 * reads the version it runs, {@link dev.pyprobe.reader.python.attach.TargetLayout} picks that
 * version's layout and corrects it with the target's {@code _Py_DebugOffsets} (for a newer version
 * than the table, borrows the closest older entry's positions when
 * {@link dev.pyprobe.reader.python.attach.DebugOffsetsFit} finds that they fit, with a warning), and
 * {@link dev.pyprobe.reader.python.attach.RuntimeSymbols} resolves the addresses reading starts from
 * (the interpreter list, the GIL, the builtin types).
 */
package dev.pyprobe.reader.python.attach;
