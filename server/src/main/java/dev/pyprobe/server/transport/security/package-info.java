/**
 * Who may use the TCP server: the token (compared in constant time), the PID and user allow-lists
 * checked by an {@link dev.pyprobe.server.dap.AttachGuard} before the session reads anything of
 * the target, and the TLS certificate (PEM files or generated for the run).
 */
package dev.pyprobe.server.transport.security;
