package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.testing.BlockedThreads;
import dev.pyprobe.reader.testing.SuitePythons;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sampler on real processes of every interpreter: what it records is what the threads do. */
@Timeout(120)
class SamplerTest {
    private static final long RECORD_NANOS = 600_000_000L;

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return SuitePythons.installed().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void wallModeSeesTheBusyThreadInItsFunctionsAndLeavesIdleThreadsOut(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Profile profile = new Profile(true);
            SamplingStats stats = new Sampler(target, SamplingOptions.defaults()).record(profile, RECORD_NANOS,
                    () -> false, s -> { });
            assertThat(stats.ticks()).isPositive();
            assertThat(profile.samples()).isEqualTo(stats.stacks() - stats.inconsistent());
            assertThat(profile.samples()).as("the busy thread is in (nearly) every sample").isPositive();
            assertThat(threadRoots(profile)).containsOnly("busy");
            for (Profile.Stack stack : profile.stacks()) {
                List<String> functions = stack.frames().stream().skip(1).map(f -> last(f.function())).toList();
                assertThat(functions).as("a busy stack, root first").contains("outer");
                assertThat(functions.get(functions.size() - 1)).isIn("outer", "hot");
                assertThat(stack.frames().get(1).function()).as("outermost Python frame").endsWith("_bootstrap");
            }
            assertThat(profile.stacks()).anySatisfy(s -> assertThat(last(s.frames().get(s.frames().size() - 1).function()))
                    .isEqualTo("hot"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void idleThreadsAreSampledWhenAsked(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Profile profile = new Profile(true);
            new Sampler(target, new SamplingOptions(100, SampleMode.WALL, true, 64)).record(profile, RECORD_NANOS,
                    () -> false, s -> { });
            assertThat(threadRoots(profile)).contains("busy", "napper", "MainThread");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void gilModeTakesOnlyTheGilHolder(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Profile profile = new Profile(true);
            new Sampler(target, new SamplingOptions(100, SampleMode.GIL, true, 64)).record(profile, RECORD_NANOS,
                    () -> false, s -> { });
            assertThat(threadRoots(profile)).containsOnly("busy");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void recordingEndsWhenTheProcessExits(String python) throws Exception {
        Target t = new Target(python);
        try (PythonTarget target = PythonTargets.attach(t.pid)) {
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    t.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            killer.start();
            SamplingStats stats = new Sampler(target, SamplingOptions.defaults()).record(new Profile(false), 0,
                    () -> false, s -> { });
            killer.join();
            assertThat(stats.ticks()).isPositive();
            assertThat(target.isAlive()).isFalse();
        }
    }

    private static List<String> threadRoots(Profile profile) {
        return profile.root().children().stream().map(n -> n.frame().function()).toList();
    }

    /** "hot" for "hot" and for a qualified name ending in it. */
    private static String last(String function) {
        return function.substring(function.lastIndexOf('.') + 1);
    }

    private final class Target implements AutoCloseable {
        final Process process;
        final int pid;

        Target(String python) throws Exception {
            Path script = dir.resolve("sampled_target.py");
            if (!Files.exists(script)) {
                Files.copy(SamplerTest.class.getResourceAsStream("/sampling/sampled_target.py"), script);
            }
            process = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            pid = (int) SuitePythons.targetPid(process, python);
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            // The main and napper threads wait; the busy thread runs.
            BlockedThreads.await(pid, 3, 1);
        }

        @Override
        public void close() throws Exception {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
