package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.sampling.Profile;
import dev.pyprobe.reader.python.sampling.SampleMode;
import dev.pyprobe.reader.python.sampling.Sampler;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.BusyCalls;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sampler on busy.py's spinner, whose stack changes under any reader: every stack it folds
 * into the profile is a call path the program has, each caller at a line that calls its callee (a
 * torn read would put a frame under a caller line that does not call it, or under the wrong
 * function; two reads of the spinner that agree did, about once in 5000). Twice: as fast as it
 * goes, where most samples find the stack as last seen, and at 1000 Hz, where most stacks that
 * moved come from the kernel's copies of the thread (a copy taken while the interpreter was
 * halfway through a call must not pass).
 */
class SampledCallPathsTest {
    private static final long RECORD_NANOS = 2_000_000_000L;

    @ForEachInterpreter
    void everySampledStackOfTheSpinnerIsACallPathOfTheProgram(Interpreter interpreter) throws IOException {
        var fixture = SharedFixtures.busy(interpreter);
        SelfReport.Busy report = fixture.report();
        BusyCalls calls = BusyCalls.of(report);
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            Spinner fastest = Spinner.record(target, SamplingOptions.MAX_RATE_HZ, report, calls);
            Spinner atOneKilohertz = Spinner.record(target, 1000, report, calls);
            System.out.printf("%s: as fast as it goes, %s; at 1000 Hz, %s%n", interpreter, fastest, atOneKilohertz);
            for (Spinner run : List.of(fastest, atOneKilohertz)) {
                assertThat(run.wrongCalls).as("samples with a caller line that does not call its callee").isEmpty();
                assertThat(run.samples).as("samples of the spinner").isGreaterThan(100);
            }
            // The kernel's copies must have been put to this test, not only the reader's reads.
            assertThat(atOneKilohertz.stats.kernelCopies()).as("stacks from the kernel's copies (off: %s)",
                    atOneKilohertz.stats.kernelCopiesOff()).isGreaterThan(0);
        }
    }

    /** One recording of the spinner: its samples, and the calls among them that busy.py does not make. */
    private record Spinner(SamplingStats stats, long samples, Map<String, Long> wrongCalls) {
        static Spinner record(PythonTarget target, double rateHz, SelfReport.Busy report, BusyCalls calls) {
            Profile profile = new Profile(false);
            SamplingStats stats = new Sampler(target, new SamplingOptions(rateHz, SampleMode.WALL, false,
                    SamplingOptions.DEFAULT_MAX_DEPTH)).record(profile, RECORD_NANOS, () -> false, s -> { });
            Map<String, Long> wrongCalls = new TreeMap<>();
            long samples = 0;
            for (Profile.Stack stack : profile.stacks()) {
                List<Profile.Frame> frames = stack.frames();
                if (frames.stream().noneMatch(f -> f.file().equals(report.file()))) {
                    continue; // another thread, caught between its blocking calls
                }
                samples += stack.count();
                List<BusyCalls.Frame> outermostFirst = frames.stream()
                        .map(f -> new BusyCalls.Frame(f.function(), f.file(), f.line())).toList();
                for (String wrong : calls.wrongCalls(outermostFirst)) {
                    wrongCalls.merge(wrong, stack.count(), Long::sum);
                }
            }
            return new Spinner(stats, samples, wrongCalls);
        }

        @Override
        public String toString() {
            return String.format("%d spinner samples, %d of %d stacks kept (%d from the kernel's copies), %.0f samples/s",
                    samples, stats.stacks() - stats.inconsistent(), stats.stacks(), stats.kernelCopies(), stats.rateHz());
        }
    }

}
