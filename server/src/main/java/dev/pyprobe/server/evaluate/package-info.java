/**
 * Expressions pyprobe answers by reading memory, never by running code in the target: names,
 * attributes and items ({@code x}, {@code x.attr}, {@code d['k']}, {@code l[3]}). Used by DAP's
 * {@code evaluate} and by the conditions and log messages of {@code dev.pyprobe.server.tracing};
 * what they read goes through {@link dev.pyprobe.server.evaluate.ValueReads}, live for a
 * tracepoint's hit, kept for a pause in DAP.
 */
package dev.pyprobe.server.evaluate;
