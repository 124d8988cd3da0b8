package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.testing.SuitePythons;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sampler keeps most samples of a stack that changes all the time (issue #11): at 1000 Hz
 * for 3 s on a thread of fast recursion (recursion_target.py), at least 90% of the samples are
 * kept on 3.11+ and at least 50% before, the rest dropped and counted; and every sample kept is
 * a stack the program really had, not frames of two moments. The target runs on a CPU of its
 * own while it is read ({@link FixtureProcess#runApartFromCaller}): a target that the sampler
 * preempts stands still and would be read whole every time, which proves nothing.
 *
 * <p>From outside, such a stack is almost never read whole (0.1-1.6% of reads here); the samples
 * are kept because the kernel copies the thread's frames while it is interrupted on its own CPU
 * ({@link dev.pyprobe.reader.python.StackSampling}). Runs here keep 0.996-1.000 on every version.
 */
@Timeout(120)
class SamplingConsistencyTest {
    /** recursion_target.py's DEPTH: below {@code <module>}, at most DEPTH + 1 frames of recurse. */
    private static final int DEPTH = 30;
    /** The line of recursion_target.py where recurse calls itself: where every frame but the innermost is. */
    private static final int CALL_LINE = 13;

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return SuitePythons.installed().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void mostSamplesOfFastRecursionAreKeptAndTheRestCounted(String python) throws Exception {
        ApartRecording r = ApartRecording.of(python, "recursion_target.py", dir);
        SamplingStats stats = r.stats();
        Profile profile = r.profile();
        long kept = stats.stacks() - stats.inconsistent();
        // A tick whose read failed altogether is a sample dropped too.
        long attempted = stats.stacks() + stats.failedTicks();
        double keptRatio = attempted == 0 ? Double.NaN : (double) kept / attempted;
        boolean modern = r.version().atLeast(3, 11);
        double threshold = modern ? 0.90 : 0.50;
        long torn = 0;
        String example = null;
        for (Profile.Stack stack : profile.stacks()) {
            String why = notAStackOfTheProgram(stack.frames());
            if (why != null) {
                torn += stack.count();
                example = example != null ? example : why;
            }
        }
        System.out.printf(Locale.ROOT, "[sampling consistency] %-7s %s: kept %.3f (%d of %d; %d from the kernel's"
                + " copies; %d inconsistent, %d failed ticks; %d kept but torn), %d ticks, %.0f Hz reached, %d missed;"
                + " the target had %.0f%% of a CPU%n", r.version(), python, keptRatio, kept, attempted,
                stats.kernelCopies(), stats.inconsistent(), stats.failedTicks(), torn, stats.ticks(), stats.rateHz(),
                stats.missedTicks(), 100 * r.targetCpuShare());

        // Without enough samples a ratio above the threshold could be luck.
        assertThat(attempted).as("samples attempted")
                .isGreaterThanOrEqualTo((long) (ApartRecording.RATE_HZ * ApartRecording.RECORD_NANOS / 1e9 / 2));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(profile.samples()).as("the profile holds exactly the samples kept").isEqualTo(kept);
        softly.assertThat(torn).as("samples kept that are no stack the program had, e.g. %s", example).isZero();
        softly.assertThat(keptRatio).as("share of samples kept on %s (kernel copies off: %s)", r.version(),
                stats.kernelCopiesOff()).isGreaterThanOrEqualTo(threshold);
        softly.assertAll();
    }

    /**
     * Why a stack (root first) is none the program can have, or null: the program's stacks are
     * {@code <module>}, then recurse at most DEPTH + 1 times, each but the innermost at its
     * recursive call. A torn read that passed for consistent shows up as a stack too deep, a frame
     * of another function, or a caller stopped elsewhere than at the call.
     */
    private static String notAStackOfTheProgram(List<Profile.Frame> rootFirst) {
        if (rootFirst.isEmpty() || !rootFirst.get(0).function().equals("<module>")) {
            return "not under <module>: " + rootFirst;
        }
        List<Profile.Frame> calls = rootFirst.subList(1, rootFirst.size());
        if (calls.size() > DEPTH + 1) {
            return calls.size() + " frames of recurse: " + rootFirst;
        }
        for (int i = 0; i < calls.size(); i++) {
            Profile.Frame frame = calls.get(i);
            if (!frame.function().equals("recurse")) {
                return "frame " + (i + 1) + " is " + frame.function() + ": " + rootFirst;
            }
            if (i < calls.size() - 1 && frame.line() != CALL_LINE) {
                return "caller " + (i + 1) + " of " + calls.size() + " at line " + frame.line() + ", not at its call";
            }
        }
        return null;
    }
}
