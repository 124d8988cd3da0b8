package dev.pyprobe.reader.probe.usdt;

import java.util.Arrays;

/** One firing of a USDT probe: the thread, the time and its arguments' values, decoded at the hit. */
public record UsdtHit(UsdtProbe probe, int tid, long timeNanos, long[] arguments) {
    public long argument(int index) {
        return arguments[index];
    }

    @Override
    public String toString() {
        return probe.provider() + ":" + probe.name() + " tid=" + tid + " args=" + Arrays.toString(arguments);
    }
}
