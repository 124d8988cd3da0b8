package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.testing.SuitePythons;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A recording holds rate x duration samples within 10%, on every interpreter of the suite (issue
 * #11), at the default rate and at ten times it, on split_target.py (one thread that calls the
 * same loop three times as often in one function as in the other; the shares of those two
 * functions are {@link SamplingAccuracyTest}'s).
 */
@Timeout(120)
class SampleCountTest {
    private static final long RECORD_NANOS = 3_000_000_000L;
    private static final double COUNT_TOLERANCE_PERCENT = 10;

    @TempDir
    Path dir;

    static Stream<Arguments> interpretersAndRates() {
        return SuitePythons.installed().stream()
                .flatMap(python -> Stream.of(Arguments.of(python, 100.0), Arguments.of(python, 1000.0)));
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("interpretersAndRates")
    void sampleCountIsRateTimesDuration(String python, double rateHz) throws Exception {
        try (FixtureProcess p = new FixtureProcess(python, "split_target.py", dir);
             PythonTarget target = PythonTargets.attach(p.pid)) {
            SamplingStats stats = new Sampler(target, options(rateHz)).record(new Profile(false), RECORD_NANOS,
                    () -> false, s -> { });
            double expected = rateHz * RECORD_NANOS / 1e9;
            // A tick whose read failed took no sample, though the sampler counts it as a tick.
            long samples = stats.ticks() - stats.failedTicks();
            System.out.printf(Locale.ROOT, "[sampling count] %-7s %s at %.0f Hz: %d samples of %.0f (%+.1f%%; %d ticks,"
                    + " %d missed, %d failed, %.0f Hz reached over %.2f s)%n", target.version(), python, rateHz, samples,
                    expected, 100 * (samples - expected) / expected, stats.ticks(), stats.missedTicks(),
                    stats.failedTicks(), stats.rateHz(), stats.elapsedSeconds());
            assertThat((double) samples).as("samples taken in %.1f s at %.0f Hz", RECORD_NANOS / 1e9, rateHz)
                    .isCloseTo(expected, withinPercentage(COUNT_TOLERANCE_PERCENT));
        }
    }

    private static SamplingOptions options(double rateHz) {
        return new SamplingOptions(rateHz, SampleMode.WALL, false, SamplingOptions.DEFAULT_MAX_DEPTH);
    }
}
