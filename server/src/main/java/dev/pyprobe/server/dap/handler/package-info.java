/**
 * One handler per family of DAP requests (attach, threads, stack traces, scopes and variables,
 * evaluate, breakpoints, sources, memory, snapshot threads), each answering from the session's
 * state; {@link dev.pyprobe.server.dap.handler.VariableFactory} turns values into DAP variables.
 */
package dev.pyprobe.server.dap.handler;
