/**
 * perf_event_open through JNA: an event on one thread with its mmap ring, the epoll event loop
 * that reads rings, one event per thread of a process. See {@code dev.pyprobe.reader.probe} for
 * how the parts fit.
 */
package dev.pyprobe.reader.probe.perf;
