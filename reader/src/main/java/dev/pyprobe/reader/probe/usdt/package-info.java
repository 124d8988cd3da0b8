/**
 * USDT probes of a mapped ELF (.note.stapsdt), their argument specs, and semaphores held raised
 * by the kernel. See {@code dev.pyprobe.reader.probe} for how the parts fit.
 */
package dev.pyprobe.reader.probe.usdt;
