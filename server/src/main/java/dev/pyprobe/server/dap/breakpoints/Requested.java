package dev.pyprobe.server.dap.breakpoints;

/**
 * One breakpoint as the client asked for it: where, and its condition, hit condition and log
 * message as written (null when absent).
 */
public record Requested(String condition, String hitCondition, String logMessage) {
}
