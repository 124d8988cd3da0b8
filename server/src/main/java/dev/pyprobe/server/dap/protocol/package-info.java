/**
 * Wire types LSP4J lacks: the attach arguments pyprobe accepts (with their checks and messages),
 * the breakpoint options of a session, error bodies, and the function breakpoint with a log
 * message that VS Code sends.
 */
package dev.pyprobe.server.dap.protocol;
