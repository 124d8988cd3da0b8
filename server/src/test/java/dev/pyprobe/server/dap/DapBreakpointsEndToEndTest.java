package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.server.dap.protocol.LoggedFunctionBreakpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
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

    /** Every interpreter, or those whose path contains the system property pyprobe.python (to run one by hand). */
    static Stream<String> interpreters() {
        String only = System.getProperty("pyprobe.python", "");
        return PythonInterpreters.all().filter(p -> p.contains(only));
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
            assertThat(set[0].getMessage()).startsWith("0 hits");
            assertThat(set[1].isVerified()).isFalse();
            assertThat(set[1].getMessage()).contains("No function __main__:no_such_function");

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
            int workLine = fx.lineOf("LINE_WORK");
            Breakpoint[] lines = setLines(c, fx.script, line(workLine), line(1));
            assertThat(lines[0].isVerified()).as(lines[0].getMessage()).isTrue();
            assertThat(lines[0].getLine()).isEqualTo(workLine);
            assertThat(lines[1].isVerified()).isFalse();
            assertThat(lines[1].getMessage()).contains("No code at");
            fx.run("work 5");
            List<String> lineHits = outputs(c, startingWith("[pyprobe] hit " + SCRIPT + ":" + workLine), 5);
            assertThat(lineHits).hasSize(5).allSatisfy(h -> assertThat(h)
                    .startsWith("[pyprobe] hit " + SCRIPT + ":" + workLine + " (work) thread " + fx.pid()));
            assertThat(hitNumbers(lineHits)).containsExactly(1L, 2L, 3L, 4L, 5L);
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
            String warmUp = "i=-1 name='warm-up' label='order-0' note=None {braces}";
            String gone = "i=<frame gone> name=<frame gone> label=<frame gone> note=<frame gone> {braces}";
            // Values are shown only when read from the hit's own frame: a hit the tracer delivers late
            // (while it learns which accesses are calls) shows none rather than another call's.
            assertThat(shown.stream().filter(s -> !s.equals(warmUp) && !s.equals(gone)).toList()).containsExactly(
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
                .filter(i -> !i.equals("-1")) // the warm-up calls
                .toList();
        assertThat(values).as("condition %s", condition).containsExactlyElementsOf(shownI);
    }
}
