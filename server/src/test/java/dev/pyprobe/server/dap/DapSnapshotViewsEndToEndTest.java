package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static dev.pyprobe.server.dap.DapConnection.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.GotoArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a VS Code user sees of one snapshot of a process whose values change all the time
 * (counting_fixture.py): every view shows the same values, failures answer in place, stepping
 * leaves the snapshot as it is, and the stop and thread names read right in the Call Stack.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DapSnapshotViewsEndToEndTest {
    private static final String SCRIPT = "counting_fixture.py";

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return PythonInterpreters.selected();
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void everyViewOfOneSnapshotShowsOneMoment(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx);
            int counter = threadId(c, "counter");
            pause(c, counter);
            StackFrame count = frame(c, counter, "count");
            Map<String, Variable> locals = locals(c, count.getId());
            String n = locals.get("n").getValue();
            assertThat(n).isNotBlank();

            // The process counts on meanwhile: every later read must still show the snapshot's values.
            sleep();
            for (String context : List.of("watch", "repl", "hover", "clipboard")) {
                assertThat(evaluate(c, count.getId(), "n", context)).as("n in %s", context).isEqualTo(n);
            }
            sleep();
            assertThat(locals(c, count.getId()).get("n").getValue()).as("Variables read again").isEqualTo(n);

            Map<String, Variable> order = children(c, locals.get("order"));
            sleep();
            assertThat(evaluate(c, count.getId(), "order.qty", "watch")).isEqualTo(order.get("qty").getValue());
            Map<String, Variable> items = children(c, locals.get("items"));
            assertThat(evaluate(c, count.getId(), "items[0]", "watch")).isEqualTo(items.get("[0]").getValue());
            assertThat(evaluate(c, count.getId(), "items[-2]", "hover")).isEqualTo(items.get("[0]").getValue());
            sleep();
            Map<String, Variable> table = children(c, locals.get("table"));
            assertThat(evaluate(c, count.getId(), "table['n']", "watch")).isEqualTo(table.get("'n'").getValue());
            // The object read first when evaluated is the one the Variables view then expands.
            String qty = evaluate(c, count.getId(), "order.qty", "repl");
            sleep();
            assertThat(children(c, locals.get("order")).get("qty").getValue()).isEqualTo(qty);

            Map<String, Variable> globals = globals(c, count.getId());
            sleep();
            assertThat(evaluate(c, count.getId(), "ticks", "watch")).isEqualTo(globals.get("ticks").getValue());
            // Another frame of the same module sees the same read of its globals.
            StackFrame main = frame(c, threadId(c, "MainThread"), "main");
            assertThat(globals(c, main.getId()).get("ticks").getValue()).isEqualTo(globals.get("ticks").getValue());

            // A new snapshot is another moment: the values kept for the last one are gone.
            await(c.server.continue_(new ContinueArguments()));
            sleep();
            int mainThread = threadId(c, "MainThread");
            pause(c, mainThread);
            StackFrame later = frame(c, counter, "count");
            // (Not "greater": a value read while the process runs may be an int that was freed and reused.)
            assertThat(locals(c, later.getId()).get("n").getValue()).isNotEqualTo(n);
            // Without a frame: the top frame of the paused thread (main(), waiting for input), then __main__'s globals.
            String ticks = evaluateWithoutFrame(c, "ticks");
            sleep();
            assertThat(globals(c, frame(c, mainThread, "main").getId()).get("ticks").getValue()).isEqualTo(ticks);
            assertThat(evaluateWithoutFrame(c, "INTERVAL")).isEqualTo("0.01");
            assertThat(evaluateWithoutFrame(c, "started")).isEqualTo(evaluate(c, frame(c, mainThread, "main").getId(),
                    "started", "repl"));
        }
    }

    /**
     * With freeze, what a pause shows first is one moment: tick() writes n + 1 into the object, then
     * the list, then the dict, and returns it to become n, so read at one moment each of them is n
     * or n + 1, and none is behind one written after it. Read later, they would be far ahead, or
     * garbage from an int freed meanwhile.
     */
    @ParameterizedTest
    @MethodSource("interpreters")
    void withFreezeLocalsAndTheirChildrenAreTheSnapshotsMoment(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir, SCRIPT); DapConnection c = connect()) {
            await(c.server.attach(Map.of("processId", (double) fx.pid(), "freeze", true)));
            await(c.server.configurationDone(null));
            int counter = threadId(c, "counter");
            for (int i = 0; i < 8; i++) {
                StoppedEventArguments stop = pause(c, counter);
                assertThat(stop.getText()).contains("Locals of every frame and their attributes and items");
                java.lang.Thread.sleep(100); // the counter counts on: nothing shown below may come from now
                Map<String, Variable> locals = locals(c, frame(c, counter, "count").getId());
                long n = Long.parseLong(locals.get("n").getValue());
                long qty = Long.parseLong(children(c, locals.get("order")).get("qty").getValue());
                long item = Long.parseLong(children(c, locals.get("items")).get("[0]").getValue());
                long entry = Long.parseLong(children(c, locals.get("table")).get("'n'").getValue());
                assertThat(List.of(qty - n, item - n, entry - n)).as("order.qty, items[0], table['n'] less n at pause %d", i)
                        .allMatch(d -> d == 0 || d == 1);
                assertThat(qty).as("written first, so never behind the others").isGreaterThanOrEqualTo(item);
                assertThat(item).isGreaterThanOrEqualTo(entry);
                await(c.server.continue_(new ContinueArguments()));
                java.lang.Thread.sleep(90);
            }
        }
    }

    /** Without freeze the values follow the stacks while the process runs, and the stop says so. */
    @Test
    void withoutFreezeTheStopSaysTheValuesFollowedTheStacks() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx);
            StoppedEventArguments stop = pause(c, threadId(c, "counter"));
            assertThat(stop.getText()).containsPattern("Locals of every frame and their attributes and items "
                    + "\\(the first 100 of each\\) were read in the \\d+\\.\\d ms after the stacks, while it ran")
                    .contains("\"freeze\": true").contains("Anything else is read live when first shown");
        }
    }

    @Test
    void failedEvaluationsAnswerInPlaceWithoutANotification() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx);
            int counter = threadId(c, "counter");
            pause(c, counter);
            StackFrame count = frame(c, counter, "count");
            for (String context : List.of("watch", "hover", "clipboard", "variables", "repl")) {
                ResponseError operator = evaluateError(c, count.getId(), "n + 1", context);
                assertThat(operator.getMessage()).as(context).contains("pyprobe never runs code in the target");
                assertThat(DapProtocolTest.ErrorBodyView.of(operator).showUser()).as(context).isFalse();
                ResponseError missing = evaluateError(c, count.getId(), "nowhere", context);
                assertThat(missing.getMessage()).as(context).contains("Name 'nowhere' is not defined in count");
                assertThat(DapProtocolTest.ErrorBodyView.of(missing).showUser()).as(context).isFalse();
            }
            await(c.server.continue_(new ContinueArguments()));
            ResponseError stale = evaluateError(c, count.getId(), "n", "watch");
            assertThat(stale.getMessage()).contains("No snapshot");
            assertThat(DapProtocolTest.ErrorBodyView.of(stale).showUser()).isFalse();
        }
    }

    @Test
    void steppingLeavesTheSnapshotAsItIsAndSaysWhy() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx);
            int counter = threadId(c, "counter");
            StoppedEventArguments paused = pause(c, counter);
            List<String> stack = describe(c, counter);
            String n = locals(c, frame(c, counter, "count").getId()).get("n").getValue();
            c.client.outputs.clear();

            Map<String, Function<Integer, CompletableFuture<Void>>> steps = Map.of(
                    "next", id -> c.server.next(args(new NextArguments(), a -> a.setThreadId(id))),
                    "stepIn", id -> c.server.stepIn(args(new StepInArguments(), a -> a.setThreadId(id))),
                    "stepOut", id -> c.server.stepOut(args(new StepOutArguments(), a -> a.setThreadId(id))));
            for (Map.Entry<String, Function<Integer, CompletableFuture<Void>>> step : steps.entrySet()) {
                int before = c.client.order().size();
                await(step.getValue().apply(counter));
                // Said again before the response: VS Code then does not mark the thread running.
                assertThat(c.client.order().subList(before, c.client.order().size())).as(step.getKey())
                        .containsSubsequence("event:stopped", "response:" + step.getKey());
                StoppedEventArguments again = TestDapClient.next(c.client.stopped, "stopped");
                assertThat(again.getThreadId()).isEqualTo(counter);
                assertThat(again.getReason()).isEqualTo(paused.getReason());
                assertThat(again.getDescription()).isEqualTo(paused.getDescription());
                assertThat(again.getAllThreadsStopped()).isFalse();
                assertThat(again.getPreserveFocusHint()).isTrue();
                assertThat(c.client.outputContaining("pyprobe cannot step").getOutput())
                        .contains("never stops the process's threads");
            }
            assertThat(describe(c, counter)).isEqualTo(stack);
            assertThat(locals(c, frame(c, counter, "count").getId()).get("n").getValue()).isEqualTo(n);

            // Moves a client only sends to an adapter that claims them are refused, without a notification.
            for (ResponseError refused : List.of(
                    error(c.server.stepBack(args(new StepBackArguments(), a -> a.setThreadId(counter)))),
                    error(c.server.goto_(args(new GotoArguments(), a -> a.setThreadId(counter)))))) {
                assertThat(refused.getMessage()).contains("pyprobe cannot step");
                assertThat(DapProtocolTest.ErrorBodyView.of(refused).showUser()).isFalse();
                assertThat(DapProtocolTest.ErrorBodyView.of(refused).id()).isEqualTo(ErrorCode.CANNOT_STEP.id());
            }
        }
    }

    @Test
    void theStopIsShortAndThreadNamesFollowTheSnapshots() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx);
            int counter = threadId(c, "counter");
            c.client.outputs.clear();
            StoppedEventArguments first = pause(c, counter);
            assertThat(first.getDescription()).isEqualTo("snapshot");
            assertThat(first.getText()).contains("the process is still running");
            assertThat(c.client.outputContaining("Snapshot at").getOutput()).contains("the process is still running");

            // Within one snapshot a thread keeps its name, whatever the thread does meanwhile.
            String name = names(c).get(counter);
            assertThat(name).startsWith("counter (").containsPattern("^counter \\((idle|running|holds the GIL), tid \\d+\\)$");
            sleep();
            assertThat(names(c).get(counter)).isEqualTo(name);

            // From snapshot to snapshot the state changes, and the name with it. The client lists
            // threads again at every stop by itself: no invalidated event (VS Code answers one by
            // redrawing the stopped thread with one frame and "Load More Stack Frames").
            List<String> seen = new ArrayList<>(List.of(name));
            for (int round = 0; round < 20 && seen.stream().distinct().count() < 2; round++) {
                await(c.server.continue_(new ContinueArguments()));
                java.lang.Thread.sleep(170);
                c.client.invalidated.clear();
                pause(c, counter);
                seen.add(names(c).get(counter));
                assertThat(c.client.invalidated.poll(300, TimeUnit.MILLISECONDS)).as("invalidated event").isNull();
            }
            assertThat(seen.stream().distinct().count()).as("the counter thread's names %s", seen).isGreaterThan(1);
            assertThat(c.client.outputs.stream().map(OutputEventArguments::getOutput))
                    .as("the explanation is said once").noneMatch(o -> o.startsWith("Snapshot at"));
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Long enough for the counter to have counted on (it ticks at least every 10 ms). */
    private static void sleep() throws InterruptedException {
        java.lang.Thread.sleep(60);
    }

    private static DapConnection connect() throws Exception {
        DapConnection c = new DapConnection(new PyprobeSessionStarter(PythonTargets::attach), AttachGuard.ALLOW_ALL);
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setClientID("vscode");
        init.setAdapterID("pyprobe");
        init.setSupportsInvalidatedEvent(true);
        await(c.server.initialize(init));
        TestDapClient.next(c.client.initialized, "initialized");
        return c;
    }

    private static void attach(DapConnection c, ThreadsFixture fx) throws Exception {
        await(c.server.attach(Map.of("processId", (double) fx.pid())));
        await(c.server.configurationDone(null));
    }

    private static <A> A args(A args, java.util.function.Consumer<A> set) {
        set.accept(args);
        return args;
    }

    private static StoppedEventArguments pause(DapConnection c, int threadId) throws Exception {
        await(c.server.pause(args(new PauseArguments(), a -> a.setThreadId(threadId))));
        return TestDapClient.next(c.client.stopped, "stopped");
    }

    private static Map<Integer, String> names(DapConnection c) throws Exception {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Thread t : await(c.server.threads()).getThreads()) {
            names.put(t.getId(), t.getName());
        }
        return names;
    }

    private static int threadId(DapConnection c, String pythonName) throws Exception {
        return names(c).entrySet().stream().filter(e -> e.getValue().startsWith(pythonName + " ("))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no thread " + pythonName));
    }

    private static StackFrame[] stack(DapConnection c, int threadId) throws Exception {
        return await(c.server.stackTrace(args(new StackTraceArguments(), a -> a.setThreadId(threadId))))
                .getStackFrames();
    }

    private static List<String> describe(DapConnection c, int threadId) throws Exception {
        return Arrays.stream(stack(c, threadId)).map(f -> f.getName() + ":" + f.getLine()).toList();
    }

    private static StackFrame frame(DapConnection c, int threadId, String function) throws Exception {
        return Arrays.stream(stack(c, threadId)).filter(f -> f.getName().equals(function)).findFirst()
                .orElseThrow(() -> new AssertionError("no frame " + function));
    }

    private static Map<String, Variable> scope(DapConnection c, int frameId, int index) throws Exception {
        int ref = await(c.server.scopes(args(new ScopesArguments(), a -> a.setFrameId(frameId))))
                .getScopes()[index].getVariablesReference();
        return variables(c, ref);
    }

    private static Map<String, Variable> locals(DapConnection c, int frameId) throws Exception {
        return scope(c, frameId, 0);
    }

    private static Map<String, Variable> globals(DapConnection c, int frameId) throws Exception {
        return scope(c, frameId, 1);
    }

    private static Map<String, Variable> children(DapConnection c, Variable parent) throws Exception {
        return variables(c, parent.getVariablesReference());
    }

    private static Map<String, Variable> variables(DapConnection c, int ref) throws Exception {
        Map<String, Variable> byName = new LinkedHashMap<>();
        for (Variable v : await(c.server.variables(args(new VariablesArguments(), a -> a.setVariablesReference(ref))))
                .getVariables()) {
            byName.put(v.getName(), v);
        }
        return byName;
    }

    private static EvaluateArguments evaluateArgs(Integer frameId, String expression, String context) {
        EvaluateArguments args = new EvaluateArguments();
        args.setFrameId(frameId);
        args.setExpression(expression);
        args.setContext(context);
        return args;
    }

    private static String evaluate(DapConnection c, int frameId, String expression, String context) throws Exception {
        return await(c.server.evaluate(evaluateArgs(frameId, expression, context))).getResult();
    }

    private static String evaluateWithoutFrame(DapConnection c, String expression) throws Exception {
        return await(c.server.evaluate(evaluateArgs(null, expression, "repl"))).getResult();
    }

    private static ResponseError evaluateError(DapConnection c, int frameId, String expression, String context)
            throws Exception {
        return error(c.server.evaluate(evaluateArgs(frameId, expression, context)));
    }
}
