/**
 * The words pyprobe uses for what it read, one wording for the command line and DAP: a thread's
 * state ({@link dev.pyprobe.server.wording.ThreadStatus}), a container's own thread id
 * ({@link dev.pyprobe.server.wording.ThreadIds}), locals that could not be read
 * ({@link dev.pyprobe.server.wording.FrameLocals}), and what happened to a tracepoint's hits
 * ({@link dev.pyprobe.server.wording.HitWords}).
 */
package dev.pyprobe.server.wording;
