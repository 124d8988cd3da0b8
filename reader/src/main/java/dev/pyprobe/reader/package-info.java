/**
 * Everything that reads a live CPython process: memory ({@code proc}), binaries ({@code elf}),
 * the interpreter's structures ({@code python}) and kernel tracepoints ({@code probe}).
 * Nothing here knows about the Debug Adapter Protocol.
 */
package dev.pyprobe.reader;
