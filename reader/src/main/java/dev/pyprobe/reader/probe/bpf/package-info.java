/**
 * BPF as pyprobe writes it: an assembler with labels, maps, per-CPU output rings, and small
 * programs each documented as pseudo-C with its parameters as data (the tracepoint filters and
 * the per-place counter). See {@code dev.pyprobe.reader.probe} for how the parts fit.
 */
package dev.pyprobe.reader.probe.bpf;
