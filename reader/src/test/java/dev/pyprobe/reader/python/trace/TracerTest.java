package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.testing.SuiteBuilds;
import dev.pyprobe.reader.testing.SuitePythons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.probe.watch.BreakpointDelivery;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tracepoints on real interpreters, through every mechanism that serves each one here: the hits
 * pyprobe counts equal the calls the program made. USDT on Debian's dtrace build, uprobes on every
 * pyenv build, watchpoints everywhere the host delivers hardware breakpoints (where it does not,
 * one line says so and the same scenarios run through the other mechanisms).
 */
@Timeout(180)
class TracerTest {
    private static final int CALLS = 500;
    private static final int TIGHT_LOOP = 200_000;
    static List<String> interpreters() {
        return SuitePythons.installed();
    }

    /** The interpreters something can trace here: their build offers a kernel mechanism, or the host watchpoints. */
    static List<String> traceable() {
        return interpreters().stream()
                .filter(p -> SuiteBuilds.kernelMechanism(p).isPresent() || BreakpointDelivery.delivered()).toList();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean toldNoWatchpoints =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final java.util.concurrent.atomic.AtomicBoolean toldNoLineWatchpoints =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The mechanisms each interpreter is expected to offer here. */
    static Stream<Arguments> interpretersAndMechanisms() {
        List<Arguments> out = new ArrayList<>();
        boolean watchpoints = BreakpointDelivery.delivered();
        if (!watchpoints && !toldNoWatchpoints.getAndSet(true)) {
            System.out.println("[pyprobe tests] " + BreakpointDelivery.missingReason().orElseThrow()
                    + ": watchpoint tests not run, the same scenarios run through uprobes and USDT");
        }
        for (String python : interpreters()) {
            SuiteBuilds.kernelMechanism(python).ifPresent(m -> out.add(Arguments.of(python, m)));
            if (watchpoints) {
                out.add(Arguments.of(python, Mechanism.WATCHPOINT));
            }
        }
        return out.stream();
    }

    /** Mechanisms that count in the kernel. */
    static Stream<Arguments> kernelCounting() {
        return interpretersAndMechanisms().filter(a -> a.get()[1] != Mechanism.WATCHPOINT);
    }

    static Stream<String> uprobeInterpreters() {
        return interpreters().stream().filter(p -> SuiteBuilds.kernelMechanism(p).orElse(null) == Mechanism.UPROBE);
    }

    static Stream<String> untraceableWithoutDebugRegisters() {
        return interpreters().stream().filter(p -> SuiteBuilds.kernelMechanism(p).isEmpty());
    }

    @TempDir
    Path dir;

    /** A running trace_target.py. */
    private final class Target implements AutoCloseable {
        final Process process;
        final int pid;
        final BufferedReader out;
        final Writer in;
        final Path script;

        Target(String python) throws Exception {
            script = dir.resolve("trace_target.py");
            Files.copy(TracerTest.class.getResourceAsStream("/trace/trace_target.py"), script);
            process = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            pid = (int) SuitePythons.targetPid(process, python);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            assertThat(out.readLine()).isEqualTo("ready");
        }

        void run(String command, int n) throws Exception {
            in.write(command + " " + n + "\n");
            in.flush();
            assertThat(out.readLine()).isEqualTo("done " + n);
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static TraceOptions using(Mechanism mechanism) {
        return TraceOptions.defaults().withMechanism(mechanism).withCostBudget(TraceOptions.DEFAULT_COST_BUDGET, true);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("interpretersAndMechanisms")
    void functionHitsEqualCalls(String python, Mechanism mechanism) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Set<Integer> tids = ConcurrentHashMap.newKeySet();
            t.run("call", 1); // see CallFilter: 3.13 does not show a watchpoint the very first call of a function
            Tracepoint work = target.tracer().traceFunction("__main__:work", using(mechanism), hit -> tids.add(hit.tid()));
            Tracepoint add = target.tracer().traceFunction("__main__:Basket.add", using(mechanism), hit -> { });
            assertThat(work.mechanism()).isEqualTo(mechanism);
            t.run("call", CALLS);
            target.tracer().drain();
            assertThat(work.hits()).isEqualTo(CALLS);
            assertThat(work.delivered()).as("every hit streamed").isEqualTo(CALLS);
            assertThat(add.hits()).isEqualTo(CALLS);
            assertThat(work.lost()).isZero();
            assertThat(tids).containsExactly(t.pid);
            work.close();
            t.run("call", CALLS);
            target.tracer().drain();
            assertThat(work.delivered()).as("no hits after the tracepoint is closed").isEqualTo(CALLS);
            assertThat(work.hits()).as("a closed tracepoint keeps its count").isEqualTo(CALLS);
            assertThat(add.hits()).isEqualTo(2 * CALLS);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("interpretersAndMechanisms")
    void aTightLoopIsCountedExactlyWhileAnotherThreadCallsAnotherFunction(String python, Mechanism mechanism)
            throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            t.run("loop", 1);
            Tracepoint tp = target.tracer().traceFunction("__main__:counted",
                    using(mechanism).withStreamHits(false), hit -> { });
            t.run("loop", TIGHT_LOOP);
            target.tracer().drain();
            assertThat(tp.hits()).isEqualTo(TIGHT_LOOP);
            assertThat(tp.countedInKernel()).isTrue();
            if (mechanism != Mechanism.WATCHPOINT) { // watchpoint hits stream: they show which places are calls
                assertThat(tp.delivered()).as("a count-only tracepoint sends nothing through the ring").isZero();
            }
        }
    }

    /**
     * target_fn and twin have the same bytecode; CPython 3.10 merges it into one buffer, where a
     * watchpoint would see both: pyprobe must then not choose one, and the count stays exact.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traceable")
    void aFunctionSharingItsBytecodeIsCountedAlone(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            t.run("twins", 1);
            Tracepoint tp = target.tracer().traceFunction("__main__:target_fn", TraceOptions.defaults()
                    .withCostBudget(TraceOptions.DEFAULT_COST_BUDGET, true), hit -> { });
            if (tp.mechanism() != Mechanism.WATCHPOINT && BreakpointDelivery.delivered()
                    && SuiteBuilds.kernelMechanism(python).orElseThrow() != Mechanism.USDT) {
                assertThat(tp.mechanismNote()).contains("same bytecode as __main__:twin");
            }
            t.run("twins", CALLS);
            target.tracer().drain();
            assertThat(tp.hits()).isEqualTo(CALLS);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("interpretersAndMechanisms")
    void aGeneratorCountsOncePerCallExceptThroughUsdt(String python, Mechanism mechanism) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            t.run("gen", 1);
            Tracepoint tp = target.tracer().traceFunction("__main__:counting", using(mechanism), hit -> { });
            t.run("gen", CALLS);
            target.tracer().drain();
            // CPython's function__entry fires at every resumption as well: each call yields 3 times, then returns.
            assertThat(tp.hits()).isEqualTo(mechanism == Mechanism.USDT ? SuiteBuilds.usdtGeneratorEntries(python) * CALLS
                    : CALLS);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("interpretersAndMechanisms")
    void aClosureIsCounted(String python, Mechanism mechanism) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            t.run("closure", 1);
            Tracepoint tp = target.tracer().traceFunction("inner", using(mechanism), hit -> { });
            t.run("closure", CALLS);
            target.tracer().drain();
            assertThat(tp.hits()).isEqualTo(CALLS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uprobeInterpreters")
    void withoutHardwareBreakpointsFunctionsFallBackToUprobesAndLinesSayWhy(String python) throws Exception {
        System.setProperty("pyprobe.hardwareBreakpoints", "off");
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Tracepoint tp = target.tracer().traceFunction("__main__:work", false, hit -> { });
            assertThat(tp.mechanism()).isEqualTo(Mechanism.UPROBE);
            assertThat(tp.mechanismNote()).contains("not usdt: ").contains("not watchpoint: hardware breakpoints are "
                    + "turned off");
            t.run("call", CALLS);
            assertThat(tp.hits()).isEqualTo(CALLS);
            int line = lineOf(t.script, "return doubled");
            assertThatThrownBy(() -> target.tracer().traceLine("trace_target.py", line, false, hit -> { }))
                    .isInstanceOf(TracepointException.class)
                    .hasMessageContaining("watchpoint: hardware breakpoints are turned off")
                    .hasMessageContaining("uprobe: it sees function starts only");
            assertThatThrownBy(() -> target.tracer().traceFunction("__main__:work",
                    TraceOptions.defaults().withMechanism(Mechanism.WATCHPOINT), hit -> { }))
                    .isInstanceOf(TracepointException.class).hasMessageContaining("cannot trace with watchpoint");
        } finally {
            System.clearProperty("pyprobe.hardwareBreakpoints");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traceable")
    void automaticChoiceFollowsTheBuildAndTheHost(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Tracepoint tp = target.tracer().traceFunction("__main__:work", false, hit -> { });
            Optional<Mechanism> kernel = SuiteBuilds.kernelMechanism(python);
            Mechanism expected = kernel.orElse(null) == Mechanism.USDT ? Mechanism.USDT
                    : BreakpointDelivery.delivered() ? Mechanism.WATCHPOINT : kernel.orElseThrow();
            assertThat(tp.mechanism()).isEqualTo(expected);
        }
    }

    /** A stripped build without USDT on a host without debug registers: refused, saying what each mechanism needs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("untraceableWithoutDebugRegisters")
    void aBuildNothingCanTraceSaysWhatIsNeeded(String python) throws Exception {
        System.setProperty("pyprobe.hardwareBreakpoints", "off");
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            assertThatThrownBy(() -> target.tracer().traceFunction("__main__:work", false, hit -> { }))
                    .isInstanceOf(TracepointException.class)
                    .hasMessageContaining("usdt: ").hasMessageContaining("function__entry")
                    .hasMessageContaining("watchpoint: hardware breakpoints are turned off")
                    .hasMessageContaining("uprobe: ");
            t.run("call", 10); // and the target runs on, untouched
        } finally {
            System.clearProperty("pyprobe.hardwareBreakpoints");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void aStrippedBuildSaysWhatAUprobeNeeds(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            Optional<String> uprobe = target.tracer().availability().get(Mechanism.UPROBE);
            if (SuiteBuilds.offersUprobe(python)) {
                assertThat(uprobe).isEmpty();
            } else if (target.version().series().equals("3.14")) {
                assertThat(uprobe).hasValueSatisfying(why -> assertThat(why).contains("no uprobe entry"));
            } else {
                assertThat(uprobe).hasValueSatisfying(
                        why -> assertThat(why).contains("opcode_targets").contains(".symtab").contains("-dbg"));
            }
            if (!SuiteBuilds.offersUsdt(python)) {
                assertThat(target.tracer().availability().get(Mechanism.USDT)).hasValueSatisfying(
                        why -> assertThat(why).contains("function__entry"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void lineHitsTheRightLine(String python) throws Exception {
        if (!BreakpointDelivery.delivered()) {
            if (!toldNoLineWatchpoints.getAndSet(true)) {
                System.out.println("[pyprobe tests] " + BreakpointDelivery.missingReason().orElseThrow()
                        + ": line watchpoint test not run (lines without them are tested to say why)");
            }
            org.junit.jupiter.api.Assumptions.abort("hardware breakpoints are not delivered here");
        }
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            int line = lineOf(t.script, "return doubled");
            List<TraceHit> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
            t.run("call", 1);
            Tracepoint tp = target.tracer().traceLine("trace_target.py", line, false, hits::add);
            assertThat(tp.mechanism()).isEqualTo(Mechanism.WATCHPOINT);
            t.run("call", CALLS);
            target.tracer().drain();
            assertThat(tp.hits()).isEqualTo(CALLS);
            assertThat(hits).allSatisfy(h -> {
                assertThat(h.line()).isEqualTo(line);
                assertThat(h.function()).isEqualTo("work");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void unknownFunctionsAndLinesSayWhy(String python) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            assertThatThrownBy(() -> target.tracer().traceFunction("__main__:no_such", false, h -> { }))
                    .isInstanceOf(TracepointException.class).hasMessageContaining("no function __main__:no_such");
            assertThatThrownBy(() -> target.tracer().traceLine("trace_target.py", 1, false, h -> { }))
                    .isInstanceOf(TracepointException.class).hasMessageContaining("module-level");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("interpretersAndMechanisms")
    void closingLeavesNoProbeNoSemaphore(String python, Mechanism mechanism) throws Exception {
        try (Target t = new Target(python)) {
            long perfFdsBefore = perfEventDescriptors();
            long bpfFdsBefore = descriptors("bpf");
            List<Long> semaphores;
            try (PythonTarget target = PythonTargets.attach(t.pid)) {
                target.tracer().traceFunction("__main__:work", using(mechanism), h -> { });
                assertThat(perfEventDescriptors()).isGreaterThan(perfFdsBefore);
                semaphores = semaphoreAddresses(target);
                if (mechanism == Mechanism.USDT) {
                    // function__entry's own, and line's raised so that function__entry fires on 3.11.
                    assertThat(semaphores).hasSize(SuiteBuilds.usdtSemaphores(python));
                    for (long address : semaphores) {
                        assertThat(target.readMemory(address, 2)[0]).as("semaphore raised while tracing").isNotZero();
                    }
                }
            }
            assertThat(perfEventDescriptors()).as("perf events left open").isEqualTo(perfFdsBefore);
            assertThat(descriptors("bpf")).as("BPF programs and maps left open").isEqualTo(bpfFdsBefore);
            try (PythonTarget again = PythonTargets.attach(t.pid)) {
                for (long address : semaphores) {
                    byte[] value = again.readMemory(address, 2);
                    assertThat(value[0] | value[1]).as("semaphore lowered after close").isZero();
                }
            }
            t.run("call", 10); // and the target runs on, untouched
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelCounting")
    void aStopTracepointStopsTheProcessAtEachHitUntilResumed(String python, Mechanism mechanism) throws Exception {
        int calls = 3;
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            int pid = t.pid;
            List<TraceHit> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
            Tracepoint tp = target.tracer().traceFunction("__main__:work", using(mechanism).withStopAtHit(true), hits::add);
            Thread caller = new Thread(() -> {
                try {
                    t.run("call", calls);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            caller.start();
            for (int i = 1; i <= calls; i++) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (hits.size() < i || state(pid) != 'T') {
                    assertThat(System.nanoTime()).as("stopped at hit %d", i).isLessThan(deadline);
                    target.tracer().drain();
                    Thread.sleep(5);
                }
                Thread.sleep(100);
                assertThat(state(pid)).as("still stopped").isEqualTo('T');
                assertThat(tp.hits()).isEqualTo(i);
                assertThat(hits.get(i - 1).stopped()).isTrue();
                target.tracer().resume();
            }
            caller.join(10_000);
            assertThat(tp.hits()).isEqualTo(calls);
        }
    }

    private static char state(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelCounting")
    void aBusyProcessIsGuardedUnlessTheCostIsAccepted(String python, Mechanism mechanism) throws Exception {
        try (Target t = new Target(python); PythonTarget target = PythonTargets.attach(t.pid)) {
            java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread load = new Thread(() -> {
                try {
                    while (busy.get()) {
                        t.run("loop", TIGHT_LOOP / 10);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            load.start();
            try {
                TraceOptions guarded = TraceOptions.defaults().withMechanism(mechanism).withCostBudget(0.001, false);
                assertThatThrownBy(() -> target.tracer().traceFunction("__main__:work", guarded, h -> { }))
                        .isInstanceOf(TracepointException.class).hasMessageContaining("of one CPU")
                        .hasMessageContaining("accept the cost");
                Tracepoint accepted = target.tracer().traceFunction("__main__:work",
                        guarded.withCostBudget(0.001, true), h -> { });
                assertThat(accepted.projectedCost()).isGreaterThan(0.001);
            } finally {
                busy.set(false);
                load.join();
            }
        }
    }

    /** Semaphores of the function__entry and line probes, where the build has them. */
    private static List<Long> semaphoreAddresses(PythonTarget target) {
        try (var process = dev.pyprobe.reader.proc.TargetProcess.open(target.pid());
             var binary = dev.pyprobe.reader.python.attach.InterpreterBinary.find(process, process.maps())) {
            return dev.pyprobe.reader.elf.StapsdtNotes.readAdjusted(binary.elf().elf()).stream()
                    .filter(n -> n.name().equals("function__entry") || n.name().equals("line"))
                    .map(n -> binary.elf().runtimeAddress(n.semaphore()))
                    .toList();
        }
    }

    private static long perfEventDescriptors() throws Exception {
        return descriptors("perf_event");
    }

    private static long descriptors(String kind) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains(kind);
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }

    static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
