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
 * @param kernelCopies stacks of threads that moved under the reader, taken from the copy the
 *                     kernel made of them while they were interrupted (in the profile)
 * @param kernelCopiesOff why the kernel made no copies in this recording, or null when it did
 * @param kernelCopyNanos CPU time the kernel spent making copies, on the target's threads (0 unless
 *                     the kernel's BPF run-time count was on: see {@code BpfRunTime})
 */
public record SamplingStats(long ticks, long missedTicks, long stacks, long inconsistent, long failedTicks,
                            long elapsedNanos, long kernelCopies, String kernelCopiesOff, long kernelCopyNanos) {

    /** Figures of a recording that has not taken a sample yet. */
    public static SamplingStats none() {
        return new SamplingStats(0, 0, 0, 0, 0, 0, 0, null, 0);
    }

    /** Samples per second reached. */
    public double rateHz() {
        return elapsedNanos <= 0 ? 0 : ticks * 1e9 / elapsedNanos;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }
}
