package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pyprobe.reader.testing.SuitePythons;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the sampler records is in proportion to what the program does, on every interpreter of
 * the suite (issue #11): a thread that spends 3/4 of its CPU in one function and 1/4 in another
 * shows shares within 0.05 of that. The fixture, split_target.py, gets its 3:1 split from calling
 * the same loop three times as often in one function as in the other, so the split does not
 * depend on the version's speed. The target runs on a CPU of its own while it is read
 * ({@link FixtureProcess#runApartFromCaller}), as under a profiler on an idle machine, so that
 * the result does not depend on whether the scheduler put the sampler on the target's CPU.
 *
 * <p>Why it is a test of more than arithmetic: a sampler that drops the stacks that moved while
 * it read them drops more samples of the function that calls more often, and its shares lean to
 * the other (0.74-1.00 for 3/4 here before the kernel copied moving stacks; 0.72-0.77 since).
 */
@Timeout(120)
class SamplingAccuracyTest {
    /**
     * Issue 11's tolerance. {@link ApartRecording} takes about 3000 samples: the standard deviation
     * of a 3/4 share is then under 0.01, six times below it.
     */
    private static final double SHARE_TOLERANCE = 0.05;
    /**
     * Below this many samples in the two functions, 0.05 is less than about four standard
     * deviations of the share, and a pass or a failure would say little.
     */
    private static final long SHARE_MIN_SAMPLES = 1000;

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return SuitePythons.installed().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void sharesOfTwoFunctionsFollowTheirShareOfTheCpu(String python) throws Exception {
        ApartRecording r = ApartRecording.of(python, "split_target.py", dir);
        SamplingStats stats = r.stats();
        Profile profile = r.profile();
        long three = 0;
        long one = 0;
        for (Profile.Stack stack : profile.stacks()) {
            String innermost = last(stack.frames().get(stack.frames().size() - 1).function());
            if (innermost.equals("three_quarters")) {
                three += stack.count();
            } else if (innermost.equals("one_quarter")) {
                one += stack.count();
            }
        }
        double share = three + one == 0 ? Double.NaN : (double) three / (three + one);
        System.out.printf(Locale.ROOT, "[sampling accuracy] %-7s %s: three_quarters %.3f (%d of %d in the two, %d samples,"
                + " %d from the kernel's copies, %d ticks, %.0f Hz reached, %d missed, %d inconsistent, %d failed; the"
                + " target had %.0f%% of a CPU)%n", r.version(), python, share, three, three + one,
                profile.samples(), stats.kernelCopies(), stats.ticks(), stats.rateHz(), stats.missedTicks(),
                stats.inconsistent(), stats.failedTicks(), 100 * r.targetCpuShare());
        assertThat(three + one).as("samples in the two functions").isGreaterThanOrEqualTo(SHARE_MIN_SAMPLES);
        assertThat(share).as("share of three_quarters among samples in three_quarters or one_quarter")
                .isCloseTo(0.75, within(SHARE_TOLERANCE));
    }

    /** "three_quarters" for itself and for a qualified name ending in it. */
    private static String last(String function) {
        return function.substring(function.lastIndexOf('.') + 1);
    }
}
