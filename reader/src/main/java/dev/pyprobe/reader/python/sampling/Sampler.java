package dev.pyprobe.reader.python.sampling;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.proc.TimerSlack;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.StackSampling;
import dev.pyprobe.reader.python.ThreadStack;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the stacks of a target's threads at a fixed rate, without stopping it, into a
 * {@link Profile}. Ticks follow a fixed schedule from the start: after a sample that took longer
 * than the interval, the latest tick due is taken at once and the ones it overran before that are
 * skipped (counted as missed), so the sampler neither drifts nor bursts, and a sample that takes a
 * little longer than the interval does not halve the rate. A stack that moved under the reader is
 * taken from the kernel's latest copy of it where there is a recent one ({@link StackSampling}),
 * else counted and left out of the profile.
 */
public final class Sampler {
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;
    /**
     * How often the thread list is walked again (names, ids, new threads); between walks each
     * sample only re-reads the states it needs. A listing costs several times a stack read.
     */
    private static final long RELIST_EVERY_NANOS = 100_000_000L;

    private final PythonTarget target;
    private final SamplingOptions options;

    public Sampler(PythonTarget target, SamplingOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Samples into {@code profile} until {@code durationNanos} have passed (0: no limit), {@code stop}
     * says so, or the process exits. The profile is only touched while holding its monitor, so
     * another thread may read it (synchronized on it) while the recording runs.
     *
     * @param progress called about twice a second with the figures so far
     */
    public SamplingStats record(Profile profile, long durationNanos, BooleanSupplier stop,
                                Consumer<SamplingStats> progress) {
        long start = System.nanoTime();
        Counts counts = new Counts();
        try (TimerSlack tight = TimerSlack.tighten(); StackSampling stacks = target.sampling(options.rateHz())) {
            sample(profile, durationNanos, stop, progress, counts, new ThreadList(stacks), start);
            return counts.stats(start, stacks);
        }
    }

    private void sample(Profile profile, long durationNanos, BooleanSupplier stop, Consumer<SamplingStats> progress,
                        Counts counts, ThreadList threads, long start) {
        long interval = options.intervalNanos();
        long nextTick = start;
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        while (!stop.getAsBoolean()) {
            long now = System.nanoTime();
            if (durationNanos > 0 && now - start >= durationNanos) {
                break;
            }
            if (now < nextTick) {
                LockSupport.parkNanos(nextTick - now);
                continue;
            }
            if (!sampleOnce(profile, counts, threads)) {
                break; // the process is gone
            }
            long after = System.nanoTime();
            // Ticks whose time has come while this sample was read: the latest of them is taken at
            // once (late, within one interval), the ones before it are skipped and counted.
            long due = (after - nextTick) / interval;
            counts.missed += Math.max(0, due - 1);
            nextTick += Math.max(1, due) * interval;
            counts.lastTick = after;
            if (after >= nextProgress) {
                progress.accept(counts.stats(start, threads.stacks));
                nextProgress = after + PROGRESS_EVERY_NANOS;
            }
        }
    }

    /** One tick: false when the process has exited. */
    private boolean sampleOnce(Profile profile, Counts counts, ThreadList threadList) {
        counts.ticks++;
        try {
            List<PythonThread> taken = threadList.now().stream()
                    .filter(thread -> options.mode().takes(thread, options.includeIdle())).toList();
            for (ThreadStack stack : threadList.stacks.stacks(taken, options.maxDepth())) {
                PythonThread thread = stack.thread();
                counts.stacks++;
                if (!stack.consistent()) {
                    // Frames of two moments would invent call paths the program never had.
                    counts.inconsistent++;
                    continue;
                }
                synchronized (profile) {
                    profile.add(thread.displayName(), stack.frames());
                }
            }
            return true;
        } catch (ProcessExitedException e) {
            counts.ticks--;
            return false;
        } catch (ReaderException e) {
            // The thread list or a stack changed too much under every read: this tick is lost,
            // and the next one lists the threads again.
            counts.failed++;
            threadList.forget();
            return target.isAlive();
        }
    }

    /**
     * The threads to sample, listed again when {@link #RELIST_EVERY_NANOS} have passed, and the
     * stacks they are read through, which follow every thread listed.
     */
    private final class ThreadList {
        final StackSampling stacks;
        private List<PythonThread> listed;
        private long listedAt;

        ThreadList(StackSampling stacks) {
            this.stacks = stacks;
        }

        List<PythonThread> now() {
            long now = System.nanoTime();
            if (listed == null || now - listedAt >= RELIST_EVERY_NANOS) {
                listed = target.threads();
                listedAt = now;
                stacks.follow(listed);
                return listed;
            }
            return options.mode().needsThreadStates(options.includeIdle()) ? target.refreshThreads(listed) : listed;
        }

        void forget() {
            listed = null;
        }
    }

    private static final class Counts {
        long ticks;
        long missed;
        long stacks;
        long inconsistent;
        long failed;
        long lastTick;

        SamplingStats stats(long start, StackSampling sampling) {
            return new SamplingStats(ticks, missed, stacks, inconsistent, failed, Math.max(0, lastTick - start),
                    sampling.kernelCopiesUsed(), sampling.kernelCopiesOff().orElse(null), sampling.kernelCopyNanos());
        }
    }
}
