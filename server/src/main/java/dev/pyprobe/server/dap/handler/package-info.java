/**
 * One handler per family of DAP requests (attach, threads, stack traces, scopes and variables,
 * evaluate, breakpoints, sources, memory, discarding snapshot threads, stepping), each answering
 * from the session's state; {@link dev.pyprobe.server.dap.handler.VariableFactory} turns values into DAP
 * variables, {@link dev.pyprobe.server.dap.handler.EvaluationScope} picks where names are looked up.
 */
package dev.pyprobe.server.dap.handler;
