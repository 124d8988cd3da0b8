/**
 * Attaching to a process: {@link dev.pyprobe.reader.python.attach.InterpreterBinary} finds the ELF
 * that holds the interpreter (libpython when mapped, else the executable), {@link dev.pyprobe.reader.python.attach.VersionDetector}
 * reads the version it runs, {@link dev.pyprobe.reader.python.attach.TargetLayout} picks that
 * version's layout and corrects it with the target's {@code _Py_DebugOffsets}, and
 * {@link dev.pyprobe.reader.python.attach.RuntimeSymbols} resolves the addresses reading starts from
 * (the interpreter list, the GIL, the builtin types).
 */
package dev.pyprobe.reader.python.attach;
