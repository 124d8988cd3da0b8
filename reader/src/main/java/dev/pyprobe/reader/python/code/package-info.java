/**
 * Line numbers of bytecode instructions: decoders for every CPython line-table format
 * ({@code co_lnotab} of 2.7 and 3.6-3.9, the 3.10 {@code co_linetable}, the 3.11+ location
 * table), computing the line exactly as the interpreter's {@code PyCode_Addr2Line} does.
 * Pure functions over bytes already read from the target; nothing here touches memory.
 */
package dev.pyprobe.reader.python.code;
