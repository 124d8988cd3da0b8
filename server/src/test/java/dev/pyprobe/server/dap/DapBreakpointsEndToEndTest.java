package dev.pyprobe.server.dap;

import dev.pyprobe.reader.python.trace.Mechanism;
import dev.pyprobe.reader.testing.SuiteBuilds;

import static dev.pyprobe.server.dap.DapConnection.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.pyprobe.reader.probe.watch.BreakpointDelivery;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.server.dap.protocol.LoggedFunctionBreakpoint;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Breakpoints through a real DAP client on real processes of every installed Python: the hits
 * reported are the calls the program made, and what conditions and log messages read is what
 * the program passed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DapBreakpointsEndToEndTest {
    static final String SCRIPT = "breakpoints_fixture.py";
    /** How long to keep listening after the expected outputs, to see that no more come. */
    static final long QUIET_MS = 600;

    @TempDir
    Path dir;

    /**
     * Every interpreter whose functions something can trace on this host, or those whose path
     * contains the system property pyprobe.python (to run one by hand).
     */
    static Stream<String> interpreters() {
        return chosen().filter(p -> expectedMechanism(p) != null);
    }

    /** Builds nothing could trace on a host without debug registers: stripped, without USDT or uprobe data. */
    static Stream<String> untraceableInterpreters() {
        return chosen().filter(p -> SuiteBuilds.kernelMechanism(p).isEmpty());
    }

    private static Stream<String> chosen() {
        return PythonInterpreters.selected();
    }

    private static final AtomicBoolean toldNoWatchpoints = new AtomicBoolean();

    /**
     * Whether this host delivers hardware breakpoints (PYPROBE_HARDWARE_BREAKPOINTS=off acts as a
     * host that does not). Where it does not, line breakpoints cannot be traced: the tests check
     * that they are answered unverified with the reason, function breakpoints run through uprobes,
     * and one line (once for the class) says that the watchpoint scenarios were not run.
     */
    static boolean watchpointsDelivered() {
        Optional<String> missing = BreakpointDelivery.missingReason();
        if (missing.isPresent() && !toldNoWatchpoints.getAndSet(true)) {
            System.out.println("[pyprobe tests] " + missing.get() + ": watchpoint tests not run "
                    + "(DapBreakpointsEndToEndTest: line breakpoints are checked to say why they are not verified, "
                    + "function breakpoints run through uprobes)");
        }
        return missing.isEmpty();
    }

    /**
     * The mechanism pyprobe chooses by itself for a function breakpoint of this interpreter on this
     * host: USDT where the build has it, else watchpoints where delivered, else uprobes where the
     * build has its opcode table; null when none can.
     */
    static String expectedMechanism(String interpreter) {
        Mechanism kernel = SuiteBuilds.kernelMechanism(interpreter).orElse(null);
        Mechanism chosen = kernel == Mechanism.USDT ? kernel : watchpointsDelivered() ? Mechanism.WATCHPOINT : kernel;
        return chosen == null ? null : chosen.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A line breakpoint where hardware breakpoints are not delivered: unverified, saying why. */
    static void assertLineNotTraceableHere(Breakpoint b) {
        assertThat(b.isVerified()).as(b.getMessage()).isFalse();
        assertThat(b.getMessage()).contains("tracing mechanism works for this line")
                .contains("watchpoint: hardware breakpoints")
                .contains(BreakpointDelivery.missingReason().orElseThrow())
                .contains("uprobe: it sees function starts only, not lines");
    }

    static Capabilities lastCapabilities;

    static DapConnection connect() throws Exception {
        DapConnection c = new DapConnection(new PyprobeSessionStarter(PythonTargets::attach), AttachGuard.ALLOW_ALL);
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setClientID("vscode");
        init.setAdapterID("pyprobe");
        lastCapabilities = await(c.server.initialize(init));
        TestDapClient.next(c.client.initialized, "initialized");
        return c;
    }

    static void attach(DapConnection c, int pid, Map<String, Object> extra) throws Exception {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("processId", pid);
        await(c.server.attach(args));
        await(c.server.configurationDone(null));
        c.client.outputContaining("Attached to Python");
    }

    static FunctionBreakpoint function(String name, String condition, String hitCondition, String logMessage) {
        LoggedFunctionBreakpoint b = new LoggedFunctionBreakpoint();
        b.setName(name);
        b.setCondition(condition);
        b.setHitCondition(hitCondition);
        b.setLogMessage(logMessage);
        return b;
    }

    static Breakpoint[] setFunctions(DapConnection c, FunctionBreakpoint... breakpoints) throws Exception {
        SetFunctionBreakpointsArguments args = new SetFunctionBreakpointsArguments();
        args.setBreakpoints(breakpoints);
        Breakpoint[] answer = await(c.server.setFunctionBreakpoints(args)).getBreakpoints();
        assertThat(answer).hasSameSizeAs(breakpoints);
        return answer;
    }

    static Breakpoint[] setLines(DapConnection c, Path file, SourceBreakpoint... breakpoints) throws Exception {
        SetBreakpointsArguments args = new SetBreakpointsArguments();
        Source source = new Source();
        source.setPath(file.toString());
        source.setName(file.getFileName().toString());
        args.setSource(source);
        args.setBreakpoints(breakpoints);
        Breakpoint[] answer = await(c.server.setBreakpoints(args)).getBreakpoints();
        assertThat(answer).hasSameSizeAs(breakpoints);
        return answer;
    }

    static SourceBreakpoint line(int line) {
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(line);
        return b;
    }

    /**
     * The outputs matching {@code wanted}: waits for {@code expected} of them, then listens a while
     * longer so that extra ones are seen too.
     */
    static List<String> outputs(DapConnection c, Predicate<String> wanted, int expected) throws InterruptedException {
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestDapClient.EVENT_TIMEOUT_S);
        while (found.size() < expected && System.nanoTime() < deadline) {
            OutputEventArguments o = c.client.outputs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (o != null && wanted.test(o.getOutput())) {
                found.add(o.getOutput().strip());
            }
        }
        long quietEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
        while (System.nanoTime() < quietEnd) {
            OutputEventArguments o = c.client.outputs.poll(quietEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (o != null && wanted.test(o.getOutput())) {
                found.add(o.getOutput().strip());
            }
        }
        return found;
    }

    /** The hit numbers ({@code (#n)} or {@code #n:}) of output lines. */
    static List<Long> hitNumbers(List<String> lines) {
        Pattern number = Pattern.compile("#([0-9]+)");
        List<Long> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = number.matcher(l);
            assertThat(m.find()).as("hit number in %s", l).isTrue();
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /** Waits for a breakpoint {@code changed} event of breakpoint {@code id} whose message contains {@code text}. */
    static BreakpointEventArguments changedEvent(DapConnection c, int id, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestDapClient.EVENT_TIMEOUT_S);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            BreakpointEventArguments e = c.client.breakpoints.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            seen.add(e.getBreakpoint().getId() + ": " + e.getBreakpoint().getMessage());
            if (e.getBreakpoint().getId() == id && e.getBreakpoint().getMessage().contains(text)) {
                assertThat(e.getReason()).isEqualTo("changed");
                return e;
            }
        }
        throw new AssertionError("no changed event of breakpoint " + id + " saying '" + text + "'; saw " + seen);
    }

    static Predicate<String> startingWith(String prefix) {
        return s -> s.startsWith(prefix);
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void everyCallIsOneHitAndHitConditionsPickTheirHits(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            assertThat(lastCapabilities.getSupportsFunctionBreakpoints()).isTrue();
            assertThat(lastCapabilities.getSupportsConditionalBreakpoints()).isTrue();
            assertThat(lastCapabilities.getSupportsHitConditionalBreakpoints()).isTrue();
            assertThat(lastCapabilities.getSupportsLogPoints()).isTrue();
            attach(c, fx.pid(), Map.of("maxHitsPerSecond", 1_000_000));

            Breakpoint[] set = setFunctions(c, function("__main__:work", null, null, null),
                    function("__main__:no_such_function", null, null, null));
            assertThat(set[0].isVerified()).as(set[0].getMessage()).isTrue();
            assertThat(set[0].getLine()).isEqualTo(fx.lineOf("def work"));
            assertThat(set[0].getSource().getPath()).isEqualTo(fx.script.toString());
            assertThat(set[0].getMessage()).startsWith("0 hits (" + expectedMechanism(interpreter));
            assertThat(set[1].isVerified()).isFalse();
            assertThat(set[1].getMessage()).contains("No function __main__:no_such_function");
            assertThat(outputs(c, startingWith("[pyprobe] breakpoint __main__:no_such_function not set: "), 1))
                    .singleElement().asString().contains("No function __main__:no_such_function");

            int calls = 300;
            fx.run("work " + calls);
            String prefix = "[pyprobe] hit __main__:work (" + SCRIPT + ":" + fx.lineOf("def work") + ") thread "
                    + fx.pid() + " (#";
            List<String> hits = outputs(c, startingWith("[pyprobe] hit __main__:work"), calls);
            assertThat(hits).hasSize(calls).allSatisfy(h -> assertThat(h).startsWith(prefix));
            assertThat(hitNumbers(hits)).containsExactlyElementsOf(LongStream.rangeClosed(1, calls).boxed().toList());
            changedEvent(c, set[0].getId(), calls + " hits");

            checkHitCondition(c, fx, "% 3", List.of(3L, 6L, 9L));
            checkHitCondition(c, fx, "== 4", List.of(4L));
            checkHitCondition(c, fx, ">= 8", List.of(8L, 9L, 10L));
            checkHitCondition(c, fx, "8", List.of(8L, 9L, 10L));
            for (String bad : List.of("> 3", "abc", "% 0", "== -1")) {
                Breakpoint b = setFunctions(c, function("__main__:work", null, bad, null))[0];
                assertThat(b.isVerified()).as(bad).isFalse();
                assertThat(b.getMessage()).contains("Hit condition '" + bad + "'");
            }

            setFunctions(c);
            int firstLine = fx.lineOf("LINE_WORK_FIRST");
            int workLine = fx.lineOf("LINE_WORK_RETURN");
            Breakpoint[] lines = setLines(c, fx.script, line(firstLine), line(workLine), line(1));
            if (!watchpointsDelivered()) {
                assertLineNotTraceableHere(lines[0]);
                assertLineNotTraceableHere(lines[1]);
                assertThat(lines[2].isVerified()).isFalse();
                assertThat(lines[2].getMessage()).contains("No code at");
                fx.run("work 5");
                assertThat(outputs(c, startingWith("[pyprobe] hit " + SCRIPT + ":"), 0)).isEmpty();
                return;
            }
            assertThat(lines[0].isVerified()).as(lines[0].getMessage()).isTrue();
            assertThat(lines[0].getLine()).isEqualTo(firstLine);
            assertThat(lines[1].isVerified()).as(lines[1].getMessage()).isTrue();
            assertThat(lines[1].getLine()).isEqualTo(workLine);
            assertThat(lines[2].isVerified()).isFalse();
            assertThat(lines[2].getMessage()).contains("No code at");
            fx.run("work 5");
            List<String> allLineHits = outputs(c, startingWith("[pyprobe] hit " + SCRIPT + ":"), 10);
            for (int l : List.of(firstLine, workLine)) {
                List<String> lineHits = allLineHits.stream()
                        .filter(h -> h.startsWith("[pyprobe] hit " + SCRIPT + ":" + l + " ")).toList();
                assertThat(lineHits).hasSize(5).allSatisfy(h -> assertThat(h)
                        .startsWith("[pyprobe] hit " + SCRIPT + ":" + l + " (work) thread " + fx.pid()));
                assertThat(hitNumbers(lineHits)).containsExactly(1L, 2L, 3L, 4L, 5L);
            }
        }
    }

    private static void checkHitCondition(DapConnection c, BreakpointsFixture fx, String hitCondition,
                                          List<Long> shown) throws Exception {
        Breakpoint b = setFunctions(c, function("__main__:work", null, hitCondition, null))[0];
        assertThat(b.isVerified()).as(b.getMessage()).isTrue();
        fx.run("work 10");
        List<String> hits = outputs(c, startingWith("[pyprobe] hit __main__:work"), shown.size());
        assertThat(hitNumbers(hits)).as("hit condition %s", hitCondition).containsExactlyElementsOf(shown);
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void conditionsAndLogMessagesReadTheHittingFrame(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            attach(c, fx.pid(), Map.of());
            String slow = "[pyprobe] __main__:slow #";

            setFunctions(c, function("__main__:slow", null, null,
                    "i={i} name={name} label={order.label} note={order.note} {{braces}}"));
            fx.run("slow 3");
            List<String> logged = outputs(c, startingWith(slow), 5);
            assertThat(hitNumbers(logged)).containsExactly(1L, 2L, 3L, 4L, 5L);
            List<String> shown = logged.stream().map(l -> l.substring(l.indexOf(": ") + 2)).toList();
            String warmUp = "i=-[12] name='warm-up' label='order-0' note=None \\{braces}";
            String gone = "i=<frame gone> name=<frame gone> label=<frame gone> note=<frame gone> {braces}";
            // Values are shown only when read from the hit's own frame: a hit the tracer delivers late
            // (while it learns which accesses are calls) shows none rather than another call's.
            assertThat(shown.stream().filter(s -> !s.matches(warmUp) && !s.equals(gone)).toList()).containsExactly(
                    "i=0 name='name-0' label='order-40' note=None {braces}",
                    "i=1 name='name-1' label='order-41' note=None {braces}",
                    "i=2 name='name-2' label='order-42' note=None {braces}");

            checkCondition(c, fx, "i == 1", List.of("1"));
            checkCondition(c, fx, "name == 'name-2'", List.of("2"));
            checkCondition(c, fx, "order.n >= 41", List.of("1", "2"));
            checkCondition(c, fx, "order.note != None", List.of());
            checkCondition(c, fx, "order.note is None", List.of("0", "1", "2"));
            checkCondition(c, fx, "'name-0' != name", List.of("1", "2"));

            for (String[] bad : new String[][] {
                    {"len(name) > 3", "calls are not evaluated"},
                    {"i + 1 > 3", "operator '+'"},
                    {"i > 1 and i < 3", "'and'"},
                    {"i = 3", "compare with '=='"},
                    {"i", "compares nothing"},
                    {"0 < i < 3", "more than one comparison"}}) {
                Breakpoint b = setFunctions(c, function("__main__:slow", bad[0], null, null))[0];
                assertThat(b.isVerified()).as(bad[0]).isFalse();
                assertThat(b.getMessage()).as(bad[0]).contains(bad[1]);
            }
            Breakpoint badLog = setFunctions(c, function("__main__:slow", null, null, "{f(x)}"))[0];
            assertThat(badLog.isVerified()).isFalse();
            assertThat(badLog.getMessage()).contains("calls are not evaluated");
        }
    }

    private static void checkCondition(DapConnection c, BreakpointsFixture fx, String condition, List<String> shownI)
            throws Exception {
        Breakpoint b = setFunctions(c, function("__main__:slow", condition, null, "{i}"))[0];
        assertThat(b.isVerified()).as(b.getMessage()).isTrue();
        fx.run("slow 3");
        List<String> values = outputs(c, startingWith("[pyprobe] __main__:slow #"), shownI.size()).stream()
                .map(l -> l.substring(l.indexOf(": ") + 2))
                .filter(i -> !i.startsWith("-")) // the warm-up calls
                .toList();
        assertThat(values).as("condition %s", condition).containsExactlyElementsOf(shownI);
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void hitsOverTheRateLimitAreCountedAndReported(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            attach(c, fx.pid(), Map.of("maxHitsPerSecond", 5));
            Breakpoint bp = setFunctions(c, function("__main__:work", null, null, null))[0];
            int calls = 300;
            fx.run("work " + calls);
            Pattern report = Pattern.compile("\\[pyprobe\\] __main__:work: ([0-9]+) hits not shown in the last "
                    + "second \\(more than 5 per second; .*\\); ([0-9]+) hits in all");
            List<String> shown = new ArrayList<>();
            long notShown = 0;
            long lastTotal = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestDapClient.EVENT_TIMEOUT_S);
            while (shown.size() + notShown < calls && System.nanoTime() < deadline) {
                OutputEventArguments o = c.client.outputs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (o == null) {
                    break;
                }
                Matcher m = report.matcher(o.getOutput().strip());
                if (o.getOutput().startsWith("[pyprobe] hit __main__:work")) {
                    shown.add(o.getOutput());
                } else if (m.matches()) {
                    notShown += Long.parseLong(m.group(1));
                    lastTotal = Long.parseLong(m.group(2));
                }
            }
            // The calls took less than two seconds: at most two windows of 5.
            assertThat(shown.size()).isBetween(5, 10);
            assertThat(shown.size() + notShown).isEqualTo(calls);
            assertThat(lastTotal).isEqualTo(calls);
            assertThat(hitNumbers(shown)).isSorted();
            changedEvent(c, bp.getId(), calls + " hits, " + notShown + " not shown (over 5/s)");
        }
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void snapshotsAreStoppedThreadsOfTheirOwnWhileTheProcessRuns(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            attach(c, fx.pid(), Map.of("breakpointAction", "snapshot", "maxHitsPerSecond", 1000));
            Breakpoint bp = setFunctions(c, function("__main__:work", null, null, null))[0];
            assertThat(bp.isVerified()).as(bp.getMessage()).isTrue();
            String mechanism = expectedMechanism(interpreter);
            assertThat(bp.getMessage()).startsWith("0 hits (" + mechanism);
            if (mechanism.equals("uprobe")) {
                assertThat(bp.getMessage()).contains("not watchpoint: " + BreakpointDelivery.missingReason().orElseThrow());
            }
            fx.run("work 3"); // returns: each snapshot let the process run on at once

            // While the tracer learns which accesses are calls, one call can be reported after it
            // happened, without a stop: it is a log line only. Every other call is a snapshot.
            List<StoppedEventArguments> events = new ArrayList<>();
            for (StoppedEventArguments e; (e = c.client.stopped.poll(2, TimeUnit.SECONDS)) != null; ) {
                events.add(e);
            }
            assertThat(events.size()).isBetween(2, 3);
            List<Integer> snapshotThreads = new ArrayList<>();
            for (StoppedEventArguments stopped : events) {
                assertThat(stopped.getReason()).isEqualTo("breakpoint");
                assertThat(stopped.getAllThreadsStopped()).isFalse();
                assertThat(stopped.getHitBreakpointIds()).containsExactly(bp.getId());
                assertThat(stopped.getDescription()).as("beside the thread's name: short").matches("hit #\\d+");
                assertThat(stopped.getText()).contains("the process kept running");
                assertThat(stopped.getThreadId()).isGreaterThanOrEqualTo(1 << 30);
                snapshotThreads.add(stopped.getThreadId());
            }
            Map<Integer, String> names = threadNames(c);
            for (int id : snapshotThreads) {
                assertThat(names.get(id)).startsWith("snapshot: __main__:work @");
            }
            // The main thread, by its host TID (followed in a container by the id it has there).
            assertThat(names.values()).anyMatch(n -> n.matches(".*, tid " + fx.pid() + "[,)].*"));

            List<Integer> calls = new ArrayList<>();
            for (int id : snapshotThreads) {
                StackFrame[] frames = stack(c, id);
                assertThat(frames[0].getName()).as("innermost frame at a hit of %s", bp.getMessage()).isEqualTo("work");
                assertThat(frames[0].getSource().getPath()).isEqualTo(fx.script.toString());
                assertThat(frames[1].getName()).isEqualTo("run_work");
                assertThat(frames[2].getName()).isEqualTo("main");
                Map<String, String> locals = locals(c, frames[0].getId());
                assertThat(locals).containsEntry("name", "'abc'");
                calls.add(Integer.parseInt(locals.get("i")));
                EvaluateArguments evaluate = new EvaluateArguments();
                evaluate.setFrameId(frames[0].getId());
                evaluate.setExpression("i");
                assertThat(await(c.server.evaluate(evaluate)).getResult()).isEqualTo(locals.get("i"));
            }
            // Each snapshot holds its own call's values, read while the process was stopped at it.
            assertThat(calls).doesNotHaveDuplicates().isSorted().allMatch(i -> i >= 0 && i < 3);

            ContinueArguments cont = new ContinueArguments();
            cont.setThreadId(snapshotThreads.get(0));
            assertThat(await(c.server.continue_(cont)).getAllThreadsContinued()).isFalse();
            ThreadEventArguments exited = nextThreadEvent(c, "exited");
            assertThat(exited.getThreadId()).isEqualTo(snapshotThreads.get(0));
            assertThat(threadNames(c)).doesNotContainKey(snapshotThreads.get(0)).containsKey(snapshotThreads.get(1));

            // At most 20 are kept: the ones left and 22 new ones drop the oldest.
            fx.run("work 22");
            int drops = snapshotThreads.size() - 1 + 22 - 20;
            List<String> dropped = outputs(c, startingWith("[pyprobe] dropped the oldest snapshot"), drops);
            assertThat(dropped).hasSize(drops);
            assertThat(threadNames(c).values().stream().filter(n -> n.startsWith("snapshot: "))).hasSize(20);
        }
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void aStopBreakpointHoldsTheProcessUntilContinue(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            attach(c, fx.pid(), Map.of("breakpointAction", "stop"));
            Breakpoint bp = setFunctions(c, function("__main__:work", null, null, null))[0];
            assertThat(bp.isVerified()).as(bp.getMessage()).isTrue();
            assertThat(bp.getMessage()).startsWith("0 hits (" + expectedMechanism(interpreter));
            fx.send("work 5");
            int previous = -1;
            for (int k = 0; k < 2; k++) {
                StoppedEventArguments stopped = TestDapClient.next(c.client.stopped, "stopped");
                assertThat(stopped.getReason()).isEqualTo("breakpoint");
                assertThat(stopped.getAllThreadsStopped()).isTrue();
                assertThat(stopped.getThreadId()).isLessThan(1 << 30);
                assertThat(stopped.getDescription()).matches("hit #\\d+");
                assertThat(stopped.getText()).contains("the process is stopped (SIGSTOP) until you continue");
                assertThat(processState(fx.pid())).isEqualTo('T');
                StackFrame[] frames = stack(c, stopped.getThreadId());
                assertThat(frames[0].getName()).as("innermost frame at a hit of %s", bp.getMessage()).isEqualTo("work");
                int i = Integer.parseInt(locals(c, frames[0].getId()).get("i"));
                assertThat(i).isGreaterThan(previous).isLessThan(5);
                previous = i;
                await(c.server.continue_(new ContinueArguments()));
            }
            TestDapClient.next(c.client.stopped, "stopped");
            // Disconnecting while stopped removes the probes and lets the process run on.
            await(c.server.disconnect(new DisconnectArguments()));
            c.awaitSessionEnd();
            assertThat(fx.readLine()).isEqualTo("done work");
            fx.run("work 5");
        }
    }

    /**
     * Where nothing can trace the build (here, stripped sid builds without USDT on a host without
     * debug registers), a function breakpoint is not verified, and says what each mechanism needs.
     */
    @ParameterizedTest
    @MethodSource("untraceableInterpreters")
    void aBreakpointNothingCanTraceIsNotVerifiedAndSaysWhy(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        // As on a host that does not deliver hardware breakpoints, whatever this one does.
        System.setProperty("pyprobe.hardwareBreakpoints", "off");
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            attach(c, fx.pid(), Map.of());
            Breakpoint function = setFunctions(c, function("__main__:work", null, null, null))[0];
            assertThat(function.isVerified()).as(function.getMessage()).isFalse();
            assertThat(function.getMessage()).contains("usdt: ").contains("function__entry")
                    .contains("watchpoint: hardware breakpoints").contains("uprobe: ");
            assertLineNotTraceableHere(setLines(c, fx.script, line(fx.lineOf("LINE_WORK_RETURN")))[0]);
            fx.run("work 3");
        } finally {
            System.clearProperty("pyprobe.hardwareBreakpoints");
        }
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void disconnectLeavesNoProbeInTheProcess(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir)) {
            long perfBefore = perfEventDescriptors();
            List<Long> semaphores = Probes.usdtSemaphores(fx.pid());
            try (DapConnection c = connect()) {
                attach(c, fx.pid(), Map.of());
                Breakpoint function = setFunctions(c, function("__main__:work", null, null, null))[0];
                assertThat(function.isVerified()).as(function.getMessage()).isTrue();
                assertThat(function.getMessage()).startsWith("0 hits (" + expectedMechanism(interpreter));
                Breakpoint line = setLines(c, fx.script, line(fx.lineOf("LINE_WORK_RETURN")))[0];
                if (watchpointsDelivered()) {
                    assertThat(line.isVerified()).as(line.getMessage()).isTrue();
                } else {
                    assertLineNotTraceableHere(line);
                }
                assertThat(perfEventDescriptors()).isGreaterThan(perfBefore);
                if (SuiteBuilds.kernelMechanism(interpreter).orElse(null) == Mechanism.USDT) {
                    assertThat(semaphores).isNotEmpty();
                    assertThat(Probes.values(fx.pid(), semaphores)).as("semaphores raised while tracing")
                            .anyMatch(v -> v != 0);
                }
                fx.run("work 3");
                await(c.server.disconnect(new DisconnectArguments()));
                c.awaitSessionEnd();
            }
            assertThat(perfEventDescriptors()).as("perf events left open").isEqualTo(perfBefore);
            assertThat(Probes.values(fx.pid(), semaphores)).as("semaphores lowered").allMatch(v -> v == 0);
            fx.run("work 3");
        }
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void breakpointsSentBeforeTheAttachAreSetRightAfterIt(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir); DapConnection c = connect()) {
            // VS Code sends breakpoints when it sees 'initialized', possibly before 'attach'.
            Breakpoint[] functions = setFunctions(c, function("__main__:work", null, "% 2", null),
                    function("__main__:nowhere", null, null, null));
            Breakpoint[] lines = setLines(c, fx.script, line(fx.lineOf("LINE_WORK_RETURN")));
            for (Breakpoint b : List.of(functions[0], functions[1], lines[0])) {
                assertThat(b.isVerified()).isFalse();
                assertThat(b.getReason()).isEqualTo(org.eclipse.lsp4j.debug.BreakpointNotVerifiedReason.PENDING);
                assertThat(b.getId()).isNotNull();
            }
            assertThat(List.of(functions[0].getId(), functions[1].getId(), lines[0].getId())).doesNotHaveDuplicates();

            Map<String, Object> args = new HashMap<>();
            args.put("processId", fx.pid());
            await(c.server.attach(args));
            Map<Integer, Breakpoint> changed = new HashMap<>();
            for (int k = 0; k < 3; k++) {
                BreakpointEventArguments e = TestDapClient.next(c.client.breakpoints, "breakpoint");
                assertThat(e.getReason()).isEqualTo("changed");
                changed.put(e.getBreakpoint().getId(), e.getBreakpoint());
            }
            assertThat(changed.get(functions[0].getId()).isVerified()).isTrue();
            assertThat(changed.get(functions[0].getId()).getLine()).isEqualTo(fx.lineOf("def work"));
            assertThat(changed.get(functions[1].getId()).isVerified()).isFalse();
            assertThat(changed.get(functions[1].getId()).getMessage()).contains("No function __main__:nowhere");
            if (watchpointsDelivered()) {
                assertThat(changed.get(lines[0].getId()).isVerified()).isTrue();
            } else {
                assertLineNotTraceableHere(changed.get(lines[0].getId()));
            }
            assertThat(c.client.order()).containsSubsequence("response:attach", "event:breakpoint");

            fx.run("work 4");
            assertThat(hitNumbers(outputs(c, startingWith("[pyprobe] hit __main__:work"), 2))).containsExactly(2L, 4L);
        }
    }

    /** What VS Code sends: a function breakpoint with a logMessage (not a DAP field), before the attach. */
    @Test
    void aFunctionBreakpointsLogMessageIsReadFromTheRawRequest() throws Exception {
        String interpreter = PythonInterpreters.any();
        try (BreakpointsFixture fx = BreakpointsFixture.start(interpreter, dir)) {
            Pipe toServer = Pipe.open();
            Pipe fromServer = Pipe.open();
            DapSessionStarter.RunningSession session = new PyprobeSessionStarter(PythonTargets::attach).start(
                    Channels.newInputStream(toServer.source()), Channels.newOutputStream(fromServer.sink()),
                    AttachGuard.ALLOW_ALL);
            try {
                RawDapWire wire = new RawDapWire(Channels.newInputStream(fromServer.source()),
                        Channels.newOutputStream(toServer.sink()));
                wire.request("initialize", "{\"adapterID\":\"pyprobe\"}");
                wire.response("initialize");
                wire.request("setFunctionBreakpoints", "{\"breakpoints\":[{\"name\":\"__main__:slow\","
                        + "\"condition\":\"i >= 0\",\"logMessage\":\"slow({i}, {name}) label={order.label}\"}]}");
                JsonObject pending = wire.response("setFunctionBreakpoints").getAsJsonObject("body")
                        .getAsJsonArray("breakpoints").get(0).getAsJsonObject();
                assertThat(pending.get("verified").getAsBoolean()).isFalse();
                assertThat(pending.get("reason").getAsString()).isEqualTo("pending");
                wire.request("attach", "{\"processId\":" + fx.pid() + "}");
                assertThat(wire.response("attach").get("success").getAsBoolean()).isTrue();
                fx.run("slow 1");
                for (int i = 0; i < 200; i++) {
                    JsonObject m = wire.read();
                    if ("event".equals(m.get("type").getAsString()) && "output".equals(m.get("event").getAsString())
                            && m.getAsJsonObject("body").get("output").getAsString().startsWith("[pyprobe] __main__:slow")) {
                        assertThat(m.getAsJsonObject("body").get("output").getAsString())
                                .isEqualTo("[pyprobe] __main__:slow #1: slow(0, 'name-0') label='order-40'\n");
                        assertThat(m.getAsJsonObject("body").get("category").getAsString()).isEqualTo("console");
                        return;
                    }
                }
                throw new AssertionError("no log line for the hit");
            } finally {
                session.close();
            }
        }
    }

    private static Map<Integer, String> threadNames(DapConnection c) throws Exception {
        Map<Integer, String> names = new HashMap<>();
        for (Thread t : await(c.server.threads()).getThreads()) {
            names.put(t.getId(), t.getName());
        }
        return names;
    }

    private static StackFrame[] stack(DapConnection c, int threadId) throws Exception {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(threadId);
        return await(c.server.stackTrace(args)).getStackFrames();
    }

    private static Map<String, String> locals(DapConnection c, int frameId) throws Exception {
        ScopesArguments scopes = new ScopesArguments();
        scopes.setFrameId(frameId);
        Scope locals = await(c.server.scopes(scopes)).getScopes()[0];
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(locals.getVariablesReference());
        Map<String, String> out = new HashMap<>();
        for (Variable v : await(c.server.variables(args)).getVariables()) {
            out.put(v.getName(), v.getValue());
        }
        return out;
    }

    private static ThreadEventArguments nextThreadEvent(DapConnection c, String reason) throws InterruptedException {
        while (true) {
            ThreadEventArguments e = TestDapClient.next(c.client.threads, "thread " + reason);
            if (e.getReason().equals(reason)) {
                return e;
            }
        }
    }

    /** The state letter of /proc/PID/stat: R, S, T (stopped)... */
    private static char processState(int pid) throws Exception {
        String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private static long perfEventDescriptors() throws Exception {
        try (Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().contains("perf_event");
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }
}
