/**
 * What a DAP session keeps across requests: thread ids, the threads shown and their sources
 * ({@link dev.pyprobe.server.dap.state.ShownThreads}: the process's threads, the asyncio tasks of
 * a pause, and from {@code breakpoints} the breakpoint snapshots), the paused snapshot, the handles
 * given out for it and the values read for it ({@link dev.pyprobe.server.dap.state.SnapshotValues}),
 * sources, client options, and the thread watcher that reports threads started and exited.
 */
package dev.pyprobe.server.dap.state;
