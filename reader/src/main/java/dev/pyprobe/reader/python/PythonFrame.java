package dev.pyprobe.reader.python;

/**
 * One Python frame, as the interpreter itself would describe it.
 *
 * @param function     qualified name where the version has one (3.11+), else the code's name
 * @param file         {@code co_filename}
 * @param line         current line, or 0 when the instruction has no line
 * @param firstLine    {@code co_firstlineno}
 * @param frameAddress address of the frame structure in the target, to read its locals later
 * @param codeAddress  address of the code object
 */
public record PythonFrame(String function, String file, int line, int firstLine, long frameAddress, long codeAddress) {
}
