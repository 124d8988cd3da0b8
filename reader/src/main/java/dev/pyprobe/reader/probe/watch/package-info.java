/**
 * Hardware watchpoints on every thread within the 4 debug registers, and the self-test of whether
 * this host delivers them at all. See {@code dev.pyprobe.reader.probe} for how the parts fit.
 */
package dev.pyprobe.reader.probe.watch;
