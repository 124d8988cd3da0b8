/**
 * What a DAP session keeps across requests: thread ids, the paused snapshot and the handles given
 * out for it, sources, client options, and the thread watcher that reports threads started and
 * exited.
 */
package dev.pyprobe.server.dap.state;
