/**
 * Code objects and the line numbers of their instructions.
 * {@link dev.pyprobe.reader.python.code.CodeObjectCache} reads a code object once (names, file,
 * local names, line table, where its bytecode starts) into a
 * {@link dev.pyprobe.reader.python.code.CodeObject} and keeps it, bounded. The line-table decoders
 * ({@code co_lnotab} of 2.7 and 3.6-3.9, the 3.10 {@code co_linetable}, the 3.11+ location table,
 * chosen by {@link dev.pyprobe.reader.python.code.LineTableFormat}) compute the line exactly as the
 * interpreter's {@code PyCode_Addr2Line} does; they are pure functions over bytes already read
 * from the target and touch no memory.
 */
package dev.pyprobe.reader.python.code;
