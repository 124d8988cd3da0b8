package dev.pyprobe.reader.python.sampling;

/**
 * How to sample.
 *
 * @param rateHz      samples per second
 * @param mode        which threads each sample takes
 * @param includeIdle also threads blocked in the kernel (only changes {@link SampleMode#WALL})
 * @param maxDepth    innermost frames kept per stack
 */
public record SamplingOptions(double rateHz, SampleMode mode, boolean includeIdle, int maxDepth) {
    public static final double DEFAULT_RATE_HZ = 100;
    public static final int DEFAULT_MAX_DEPTH = 256;
    /**
     * The highest rate that may be asked, a 1 us interval as CPython's own sampler allows: far more
     * than a sample of every thread can keep (tens of microseconds), so asking it means "as fast as
     * it goes", and the ticks that come while a sample is read are counted as missed.
     */
    public static final double MAX_RATE_HZ = 1_000_000;

    public SamplingOptions {
        if (!(rateHz > 0 && rateHz <= MAX_RATE_HZ)) {
            throw new IllegalArgumentException("the rate must be above 0 and at most " + (int) MAX_RATE_HZ + " Hz, not " + rateHz);
        }
        if (mode == null) {
            throw new IllegalArgumentException("a sampling mode is needed");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("the depth must be at least 1, not " + maxDepth);
        }
    }

    public static SamplingOptions defaults() {
        return new SamplingOptions(DEFAULT_RATE_HZ, SampleMode.WALL, false, DEFAULT_MAX_DEPTH);
    }

    public long intervalNanos() {
        return (long) (1e9 / rateHz);
    }
}
