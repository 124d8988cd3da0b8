/**
 * What happens to a tracepoint's hits, apart from any protocol, so that the command line
 * ({@code pyprobe trace --if/--log}) and DAP breakpoints ({@code condition}, {@code hitCondition},
 * {@code logMessage}) behave and read the same.
 *
 * <p>{@link dev.pyprobe.server.tracing.HitRules} are what the user asked of each hit: a
 * {@link dev.pyprobe.server.tracing.Condition} (one comparison of values read from the hitting
 * frame), a {@link dev.pyprobe.server.tracing.HitCondition} and a
 * {@link dev.pyprobe.server.tracing.LogMessage}. {@link dev.pyprobe.server.tracing.HitFrames}
 * reads the hitting thread's frame right after a hit (the process runs on, so it may be gone);
 * {@link dev.pyprobe.server.tracing.RateWindow} limits what is shown per second. Expressions are
 * parsed and read by {@code dev.pyprobe.server.evaluate}.
 */
package dev.pyprobe.server.tracing;
