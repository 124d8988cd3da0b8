/**
 * The target's threads. {@link dev.pyprobe.reader.python.threads.ThreadStateWalker} walks every
 * interpreter's thread states (as {@link dev.pyprobe.reader.python.threads.ThreadStateRef}s);
 * {@link dev.pyprobe.reader.python.threads.ThreadLister} makes them the API's
 * {@link dev.pyprobe.reader.python.PythonThread}s with the GIL holder from
 * {@link dev.pyprobe.reader.python.threads.GilHolder}, the kernel TID (stored by 3.11+, else found
 * by {@link dev.pyprobe.reader.python.threads.NativeThreadIds}; in a container the id inside, made
 * the host's by {@link dev.pyprobe.reader.proc.TaskIds}), the name from
 * {@link dev.pyprobe.reader.python.threads.ThreadNames}, and whether the kernel has it waiting.
 */
package dev.pyprobe.reader.python.threads;
