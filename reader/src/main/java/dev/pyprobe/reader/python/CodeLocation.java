package dev.pyprobe.reader.python;

/**
 * Where a function or a line lives in the target's bytecode: what a tracepoint watches.
 *
 * @param function           qualified name, e.g. {@code Order.total} or {@code outer.<locals>.inner}
 * @param module             the module the code was found through
 * @param file               {@code co_filename}
 * @param line               the line (for a function, its first line)
 * @param codeAddress        the code object
 * @param instructionAddress the first instruction of the function, or of the line
 */
public record CodeLocation(String function, String module, String file, int line, long codeAddress,
                           long instructionAddress) {
}
