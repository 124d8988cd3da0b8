/**
 * From what a user writes to code in the target. {@link dev.pyprobe.reader.python.resolve.LoadedModules}
 * reads every interpreter's {@code sys.modules} (module files, and the searches below over each);
 * {@link dev.pyprobe.reader.python.resolve.ReachableCode} finds every code object reachable from the
 * modules (functions, methods, nested code), and {@link dev.pyprobe.reader.python.resolve.CodeResolver}
 * matches {@code module:Class.method}, bare names and {@code file:line} against them.
 */
package dev.pyprobe.reader.python.resolve;
