package dev.pyprobe.reader.python.sampling;

/**
 * How a recording went.
 *
 * @param ticks        samples taken (one per tick of the rate)
 * @param missedTicks  ticks skipped because the samples before them took longer than the interval
 * @param stacks       thread stacks read
 * @param inconsistent stacks that changed under every read (left out of the profile)
 * @param failedTicks  ticks whose read failed (the process changed too much under the reader)
 * @param elapsedNanos time from the first tick to the last
 */
public record SamplingStats(long ticks, long missedTicks, long stacks, long inconsistent, long failedTicks,
                            long elapsedNanos) {

    /** Samples per second reached. */
    public double rateHz() {
        return elapsedNanos <= 0 ? 0 : ticks * 1e9 / elapsedNanos;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }
}
