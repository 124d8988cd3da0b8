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
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Repository;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sampler on busy.py's spinner, whose stack changes under any reader: every stack it folds
 * into the profile is a call path the program has, each caller at a line that calls its callee (a
 * torn read would put a frame under a caller line that does not call it, or under the wrong
 * function). Twice: as fast as it goes, where the reader reads most stacks itself, and at 1000 Hz,
 * where most stacks that moved come from the kernel's copies of the thread (a copy taken while the
 * interpreter was halfway through a call must not pass).
 */
class SampledCallPathsTest {
    private static final long RECORD_NANOS = 2_000_000_000L;
    /** The calls busy.py makes: caller, the text of the calling line, callee. */
    private static final List<List<String>> CALLS = List.of(
            List.of("spin", "descend(depth)", "descend"),
            List.of("spin", "sum(generate(depth % 5))", "generate"),
            List.of("generate", "yield descend(i % 7)", "descend"),
            List.of("descend", "return leaf(3)", "leaf"),
            List.of("descend", "return descend(depth - 1) + 1", "descend"));

    @ForEachInterpreter
    void everySampledStackOfTheSpinnerIsACallPathOfTheProgram(Interpreter interpreter) throws IOException {
        var fixture = SharedFixtures.busy(interpreter);
        SelfReport.Busy report = fixture.report();
        Map<String, String> callees = callsByLine(report);
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            Spinner fastest = Spinner.record(target, SamplingOptions.MAX_RATE_HZ, report, callees);
            Spinner atOneKilohertz = Spinner.record(target, 1000, report, callees);
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
        static Spinner record(PythonTarget target, double rateHz, SelfReport.Busy report, Map<String, String> callees) {
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
                for (int i = 0; i + 1 < frames.size(); i++) {
                    Profile.Frame caller = frames.get(i);
                    Profile.Frame callee = frames.get(i + 1);
                    if (!caller.file().equals(report.file())) {
                        continue; // threading's bootstrap, down to spin()
                    }
                    String key = name(caller.function()) + ":" + caller.line();
                    if (!name(callee.function()).equals(callees.get(key))) {
                        wrongCalls.merge(key + " -> " + name(callee.function()), stack.count(), Long::sum);
                    }
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

    /** "function:line" of each calling line of busy.py, and the function it calls. */
    private static Map<String, String> callsByLine(SelfReport.Busy report) throws IOException {
        List<String> source = Files.readAllLines(Repository.fixture("busy.py"));
        Map<String, String> calls = new HashMap<>();
        for (List<String> call : CALLS) {
            List<Integer> range = report.functions().get(call.get(0));
            for (int line = range.get(0); line <= range.get(1); line++) {
                if (source.get(line - 1).trim().equals(call.get(1))) {
                    calls.put(call.get(0) + ":" + line, call.get(2));
                }
            }
        }
        assertThat(calls).as("calling lines found in busy.py").hasSize(CALLS.size());
        assertThat(Set.copyOf(calls.values())).containsExactlyInAnyOrder("descend", "generate", "leaf");
        return calls;
    }

    /** "descend" for "descend" and for a qualified name ending in it. */
    private static String name(String function) {
        return function.substring(function.lastIndexOf('.') + 1);
    }
}
