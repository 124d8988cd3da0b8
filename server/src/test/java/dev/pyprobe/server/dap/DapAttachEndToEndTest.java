package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static dev.pyprobe.server.dap.DapConnection.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.PythonTargets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ProcessEventArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real DAP client (LSP4J) attached through pyprobe to real Python processes of every installed
 * version, checked against what each process reports about itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DapAttachEndToEndTest {

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return PythonInterpreters.all();
    }

    private static DapConnection connect() throws Exception {
        return connect(AttachGuard.ALLOW_ALL);
    }

    private static DapConnection connect(AttachGuard guard) throws Exception {
        DapConnection c = new DapConnection(new PyprobeSessionStarter(PythonTargets::attach), guard);
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setClientID("vscode");
        init.setAdapterID("pyprobe");
        await(c.server.initialize(init));
        TestDapClient.next(c.client.initialized, "initialized");
        return c;
    }

    private static void attach(DapConnection c, Object processId, boolean remoteSources) throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("processId", processId);
        if (remoteSources) {
            args.put("remoteSources", true);
        }
        await(c.server.attach(args));
        await(c.server.configurationDone(null));
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void inspectsAParkedProcessLikeItSeesItself(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir); DapConnection c = connect()) {
            String version = fx.report.get("version").getAsString();
            // A process picker hands the PID over as a string.
            attach(c, String.valueOf(fx.pid()), false);
            ProcessEventArguments process = TestDapClient.next(c.client.processes, "process");
            assertThat(process.getSystemProcessId()).isEqualTo(fx.pid());
            c.client.outputContaining("Attached to Python " + version + " process " + fx.pid());

            Map<String, Integer> ids = threadIds(c);
            int alpha = idOf(ids, "alpha-worker");
            int beta = idOf(ids, "beta-worker");
            int main = idOf(ids, "MainThread");
            assertThat(List.of(alpha, beta, main)).doesNotHaveDuplicates().allMatch(id -> id > 0);

            PauseArguments pause = new PauseArguments();
            pause.setThreadId(beta);
            await(c.server.pause(pause));
            StoppedEventArguments stopped = TestDapClient.next(c.client.stopped, "stopped");
            assertThat(stopped.getReason()).isEqualTo("pause");
            assertThat(stopped.getAllThreadsStopped()).isTrue();
            assertThat(stopped.getThreadId()).isEqualTo(beta);
            assertThat(stopped.getDescription()).isEqualTo("snapshot");
            assertThat(stopped.getText()).contains("the process is still running");
            assertThat(c.client.order()).containsSubsequence("response:pause", "event:stopped");

            for (String name : List.of("alpha-worker", "beta-worker")) {
                List<JsonObject> expected = selfReportedStack(fx, name);
                StackTraceResponse st = stackTrace(c, idOf(ids, name), null, null);
                assertThat(st.getTotalFrames()).isEqualTo(expected.size());
                assertThat(describe(Arrays.asList(st.getStackFrames()))).isEqualTo(describeExpected(expected));
            }
            List<JsonObject> alphaExpected = selfReportedStack(fx, "alpha-worker");
            StackTraceResponse page = stackTrace(c, alpha, 1, 2);
            assertThat(page.getTotalFrames()).isEqualTo(alphaExpected.size());
            assertThat(describe(Arrays.asList(page.getStackFrames())))
                    .isEqualTo(describeExpected(alphaExpected.subList(1, 3)));
            StackFrame mainTop = stackTrace(c, main, 0, 1).getStackFrames()[0];
            assertThat(mainTop.getName()).isEqualTo("main");
            assertThat(mainTop.getLine()).isEqualTo(fx.lineOf("LINE_MAIN"));

            StackFrame workerFrame = Arrays.stream(stackTrace(c, alpha, null, null).getStackFrames())
                    .filter(f -> f.getName().equals("worker_alpha")).findFirst().orElseThrow();
            assertThat(workerFrame.getLine()).isEqualTo(fx.lineOf("LINE_ALPHA"));
            checkVariables(c, fx, workerFrame);
            checkEvaluate(c, workerFrame.getId());
            checkSources(c, fx, workerFrame.getSource());
            StackFrame betaFrame = Arrays.stream(stackTrace(c, beta, null, null).getStackFrames())
                    .filter(f -> f.getName().equals("worker_beta")).findFirst().orElseThrow();
            checkReprs(c, fx, betaFrame);

            await(c.server.continue_(new ContinueArguments()));
            TestDapClient.next(c.client.continued, "continued");
            ResponseError stale = error(c.server.stackTrace(stackArgs(alpha, null, null)));
            assertThat(stale.getMessage()).contains("No snapshot: the process is running");

            DisconnectArguments disconnect = new DisconnectArguments();
            disconnect.setTerminateDebuggee(true);
            await(c.server.disconnect(disconnect));
            c.client.outputContaining("pyprobe never terminates the process it inspects");
            c.awaitSessionEnd();
            assertThat(fx.process.isAlive()).isTrue();
            assertNoThreadWatcherLeft();
            fx.command("spawn"); // still running and answering after the detach
        }
    }

    private void checkVariables(DapConnection c, ThreadsFixture fx, StackFrame frame) throws Exception {
        ScopesArguments scopesArgs = new ScopesArguments();
        scopesArgs.setFrameId(frame.getId());
        Scope[] scopes = await(c.server.scopes(scopesArgs)).getScopes();
        assertThat(scopes).extracting(Scope::getName).containsExactly("Locals", "Globals");

        Map<String, Variable> locals = variables(c, scopes[0].getVariablesReference(), null, null);
        assertThat(locals.get("alpha_local").getValue()).isEqualTo("41");
        assertThat(locals.get("alpha_local").getType()).isEqualTo("int");
        assertThat(locals.get("alpha_text").getValue()).isEqualTo("'alpha'");
        Variable box = locals.get("box");
        assertThat(box.getType()).endsWith("Box");
        assertThat(box.getMemoryReference()).isEqualTo("0x" + Long.toHexString(fx.report.get("box_id").getAsLong()));
        assertThat(box.getVariablesReference()).isPositive();
        assertThat(box.getNamedVariables()).isEqualTo(3);

        Map<String, Variable> attrs = variables(c, box.getVariablesReference(), null, null);
        assertThat(attrs.keySet()).containsExactlyInAnyOrder("label", "items", "mapping");
        assertThat(attrs.get("label").getValue()).isEqualTo("'boxed'");
        assertThat(attrs.get("label").getEvaluateName()).isEqualTo("box.label");
        Variable items = attrs.get("items");
        assertThat(items.getValue()).isEqualTo("[10, 20, 30]");
        assertThat(items.getIndexedVariables()).isEqualTo(3);

        Map<String, Variable> all = variables(c, items.getVariablesReference(), null, null);
        assertThat(all.values()).extracting(Variable::getValue).containsExactly("10", "20", "30");
        Map<String, Variable> second = variables(c, items.getVariablesReference(), 1, 1);
        assertThat(second).hasSize(1);
        Variable twenty = second.values().iterator().next();
        assertThat(twenty.getValue()).isEqualTo("20");
        assertThat(twenty.getEvaluateName()).isEqualTo("box.items[1]");

        Map<String, Variable> mapping = variables(c, attrs.get("mapping").getVariablesReference(), null, null);
        // Python 2 dicts have no insertion order.
        assertThat(mapping.get("'k'").getValue()).isEqualTo("'v'");
        assertThat(mapping.get("'k'").getEvaluateName()).isEqualTo("box.mapping['k']");
        assertThat(mapping.get("'n'").getValue()).isEqualTo("7");
        assertThat(mapping).hasSize(2);

        Map<String, Variable> globals = variables(c, scopes[1].getVariablesReference(), null, null);
        assertThat(globals.get("GLOBAL_COUNTER").getValue()).isEqualTo("5");
        assertThat(scopes[1].isExpensive()).isTrue();

        ReadMemoryArguments read = new ReadMemoryArguments();
        read.setMemoryReference(box.getMemoryReference());
        read.setCount(16);
        ReadMemoryResponse memory = await(c.server.readMemory(read));
        byte[] bytes = Base64.getDecoder().decode(memory.getData());
        assertThat(bytes).hasSize(16);
        assertThat(memory.getUnreadableBytes()).isZero();
        // PyObject: ob_refcnt, then ob_type, the address of the Box class.
        long obType = ByteBuffer.wrap(bytes, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(obType).isEqualTo(fx.report.get("box_type_id").getAsLong());
    }

    private void checkEvaluate(DapConnection c, int frameId) throws Exception {
        assertThat(evaluate(c, frameId, "alpha_local").getResult()).isEqualTo("41");
        assertThat(evaluate(c, frameId, "GLOBAL_COUNTER").getResult()).isEqualTo("5");
        assertThat(evaluate(c, frameId, "box.label").getResult()).isEqualTo("'boxed'");
        assertThat(evaluate(c, frameId, "box.items[1]").getResult()).isEqualTo("20");
        assertThat(evaluate(c, frameId, "box.items[-1]").getResult()).isEqualTo("30");
        assertThat(evaluate(c, frameId, "box.mapping['k']").getResult()).isEqualTo("'v'");
        EvaluateResponse items = evaluate(c, frameId, "box.items");
        assertThat(items.getIndexedVariables()).isEqualTo(3);
        assertThat(variables(c, items.getVariablesReference(), null, null)).hasSize(3);

        assertThat(evaluate(c, frameId, "box.label", "hover").getResult()).isEqualTo("'boxed'");
        assertThat(evaluate(c, frameId, "box.mapping", "hover").getIndexedVariables()).as("a hover expands").isEqualTo(2);

        assertThat(evaluateError(c, frameId, "alpha_local + 1")).contains("pyprobe never runs code in the target");
        assertThat(evaluateError(c, frameId, "len(box.items)")).contains("calls are not evaluated");
        assertThat(evaluateError(c, frameId, "nowhere")).contains("Name 'nowhere' is not defined");
        assertThat(evaluateError(c, frameId, "box.nothing")).contains("has no attribute 'nothing'");
        assertThat(evaluateError(c, frameId, "box.mapping['absent']")).contains("has no item ['absent']");
    }

    /**
     * Values that are not plain data read as Python's own repr() of them (reported by the
     * fixture); a bound method's name is its code's, qualified where code objects carry one.
     */
    private void checkReprs(DapConnection c, ThreadsFixture fx, StackFrame frame) throws Exception {
        ScopesArguments scopesArgs = new ScopesArguments();
        scopesArgs.setFrameId(frame.getId());
        int localsRef = await(c.server.scopes(scopesArgs)).getScopes()[0].getVariablesReference();
        Map<String, Variable> locals = variables(c, localsRef, null, null);
        JsonObject reprs = fx.report.getAsJsonObject("beta_reprs");
        assertThat(reprs.keySet()).contains("beta_function", "beta_module", "beta_builtin_module", "beta_class",
                "beta_builtin_class", "beta_builtin", "beta_builtin_method", "beta_instance", "beta_method");
        for (String name : reprs.keySet()) {
            String python = reprs.get(name).getAsString();
            String shown = locals.get(name).getValue();
            if (name.equals("beta_method")) {
                assertThat(shown).as(name).isIn(python, python.replace("Box.describe", "describe"));
            } else {
                assertThat(shown).as(name).isEqualTo(python);
            }
            assertThat(evaluate(c, frame.getId(), name).getResult()).as(name).isEqualTo(shown);
        }
        // Copy Value copies the whole value; the views show it cut.
        String everyItem = IntStream.range(0, 2500).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        assertThat(evaluate(c, frame.getId(), "beta_big", "watch").getResult()).endsWith(", ...]");
        assertThat(evaluate(c, frame.getId(), "beta_big", "clipboard").getResult()).isEqualTo(everyItem);
        assertThat(locals.get("beta_long_text").getValue()).endsWith("'...");
        assertThat(evaluate(c, frame.getId(), "beta_long_text", "clipboard").getResult())
                .isEqualTo("'" + "0123456789".repeat(100) + "'");
    }

    private void checkSources(DapConnection c, ThreadsFixture fx, Source source) throws Exception {
        assertThat(source.getPath()).isEqualTo(fx.script.toString());
        // Same machine, same file: the client opens it itself.
        assertThat(source.getSourceReference()).isNull();
        SourceArguments args = new SourceArguments();
        args.setSource(source);
        assertThat(await(c.server.source(args)).getContent()).isEqualTo(Files.readString(fx.script));

        Source[] loaded = await(c.server.loadedSources(new LoadedSourcesArguments())).getSources();
        assertThat(loaded).extracting(Source::getPath).contains(fx.script.toString());
        assertThat(loaded).extracting(Source::getPath).anyMatch(p -> p != null && p.endsWith("/threading.py"));

        Source elsewhere = new Source();
        elsewhere.setPath("/etc/passwd");
        SourceArguments forbidden = new SourceArguments();
        forbidden.setSource(elsewhere);
        assertThat(error(c.server.source(forbidden)).getMessage())
                .contains("pyprobe serves only the source files of the attached process");
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void reportsThreadsComingAndGoingAndTheProcessExiting(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir); DapConnection c = connect()) {
            attach(c, fx.pid(), false);
            fx.command("spawn");
            ThreadEventArguments started = TestDapClient.next(c.client.threads, "thread started");
            assertThat(started.getReason()).isEqualTo("started");
            assertThat(nameOf(c, started.getThreadId())).startsWith("spawned");

            fx.command("join");
            ThreadEventArguments exited = TestDapClient.next(c.client.threads, "thread exited");
            assertThat(exited.getReason()).isEqualTo("exited");
            assertThat(exited.getThreadId()).isEqualTo(started.getThreadId());

            fx.exit();
            ExitedEventArguments gone = TestDapClient.next(c.client.exited, "exited");
            assertThat(gone.getExitCode()).isEqualTo(DebugSession.EXIT_CODE_UNKNOWN);
            TestDapClient.next(c.client.terminated, "terminated");
            assertThat(c.client.order()).containsSubsequence("event:exited", "event:terminated");
            assertThat(error(c.server.threads()).getMessage()).contains("has exited");

            await(c.server.disconnect(new DisconnectArguments()));
            c.awaitSessionEnd();
        }
    }

    @Test
    void remoteClientsGetSourcesByReference() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir); DapConnection c = connect()) {
            attach(c, fx.pid(), true);
            await(c.server.pause(new PauseArguments()));
            TestDapClient.next(c.client.stopped, "stopped");
            int alpha = idOf(threadIds(c), "alpha-worker");
            StackFrame worker = Arrays.stream(stackTrace(c, alpha, null, null).getStackFrames())
                    .filter(f -> f.getName().equals("worker_alpha")).findFirst().orElseThrow();
            Integer reference = worker.getSource().getSourceReference();
            assertThat(reference).isNotNull().isPositive();
            SourceArguments args = new SourceArguments();
            args.setSourceReference(reference);
            assertThat(await(c.server.source(args)).getContent()).isEqualTo(Files.readString(fx.script));
        }
    }

    @Test
    void aTargetInAnotherMountNamespaceHasItsOwnSourcesServed() throws Exception {
        String decoy = "# the file at this path on pyprobe's side, not the one the target runs\n";
        try (ThreadsFixture fx = ThreadsFixture.startBehindBindMount(PythonInterpreters.any(), dir, decoy);
             DapConnection c = connect()) {
            attach(c, fx.pid(), false);
            await(c.server.pause(new PauseArguments()));
            TestDapClient.next(c.client.stopped, "stopped");
            StackFrame worker = Arrays.stream(stackTrace(c, idOf(threadIds(c), "alpha-worker"), null, null)
                    .getStackFrames()).filter(f -> f.getName().equals("worker_alpha")).findFirst().orElseThrow();
            Source source = worker.getSource();
            assertThat(source.getPath()).isEqualTo(fx.script.toString());
            assertThat(source.getSourceReference()).as("a file the client cannot open at that path").isPositive();
            SourceArguments args = new SourceArguments();
            args.setSource(source);
            args.setSourceReference(source.getSourceReference());
            String served = await(c.server.source(args)).getContent();
            assertThat(served).isEqualTo(Files.readString(dir.resolve("real/threads_fixture.py")));
            assertThat(served.lines().toList().get(worker.getLine() - 1)).contains("LINE_ALPHA");
        }
    }

    @Test
    void freezeModeReadsAStoppedProcessAndLetsItRunAgain() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir); DapConnection c = connect()) {
            await(c.server.attach(Map.of("processId", (double) fx.pid(), "freeze", true)));
            c.client.outputContaining("Freeze mode");
            await(c.server.pause(new PauseArguments()));
            StoppedEventArguments stopped = TestDapClient.next(c.client.stopped, "stopped");
            assertThat(stopped.getText()).contains("read while the process was frozen; it is running again");
            int alpha = idOf(threadIds(c), "alpha-worker");
            assertThat(describe(Arrays.asList(stackTrace(c, alpha, null, null).getStackFrames())))
                    .isEqualTo(describeExpected(selfReportedStack(fx, "alpha-worker")));
            fx.command("spawn"); // answers, so it was resumed
        }
    }

    @Test
    void handlesDieWithTheirSnapshotAndReadsStopAtUnreadableMemory() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir); DapConnection c = connect()) {
            attach(c, fx.pid(), false);
            int alpha = idOf(threadIds(c), "alpha-worker");
            PauseArguments pause = new PauseArguments();
            pause.setThreadId(alpha);
            await(c.server.pause(pause));
            TestDapClient.next(c.client.stopped, "stopped");
            StackFrame top = stackTrace(c, alpha, 0, 1).getStackFrames()[0];
            ScopesArguments scopesArgs = new ScopesArguments();
            scopesArgs.setFrameId(top.getId());
            int locals = await(c.server.scopes(scopesArgs)).getScopes()[0].getVariablesReference();

            // Without a frame: the paused thread's top frame (in threading), then __main__'s globals.
            EvaluateArguments noFrame = new EvaluateArguments();
            noFrame.setExpression("GLOBAL_COUNTER");
            noFrame.setContext("repl");
            assertThat(await(c.server.evaluate(noFrame)).getResult()).isEqualTo("5");
            noFrame.setExpression("box");
            ResponseError notThere = error(c.server.evaluate(noFrame));
            assertThat(notThere.getMessage()).contains("Name 'box' is not defined");
            assertThat(DapProtocolTest.ErrorBodyView.of(notThere).showUser()).as("answered in place").isFalse();

            ReadMemoryArguments low = new ReadMemoryArguments();
            low.setMemoryReference("0x10");
            low.setCount(64);
            ReadMemoryResponse nothing = await(c.server.readMemory(low));
            assertThat(nothing.getUnreadableBytes()).isEqualTo(64);
            assertThat(Base64.getDecoder().decode(nothing.getData())).isEmpty();
            low.setCount(2 << 20);
            assertThat(error(c.server.readMemory(low)).getMessage()).contains("readMemory count must be between 0 and");

            await(c.server.pause(new PauseArguments())); // a new snapshot replaces the old one
            TestDapClient.next(c.client.stopped, "stopped");
            VariablesArguments stale = new VariablesArguments();
            stale.setVariablesReference(locals);
            assertThat(error(c.server.variables(stale)).getMessage())
                    .contains("Variable reference " + locals + " does not belong to the current snapshot");
            assertThat(error(c.server.scopes(scopesArgs)).getMessage())
                    .contains("Frame " + top.getId() + " does not belong to the current snapshot");
        }
    }

    @Test
    void largeContainersArePagedAsTheClientAsks() throws Exception {
        try (ThreadsFixture fx = ThreadsFixture.start(PythonInterpreters.any(), dir); DapConnection c = connect()) {
            attach(c, fx.pid(), false);
            await(c.server.pause(new PauseArguments()));
            TestDapClient.next(c.client.stopped, "stopped");
            StackFrame beta = Arrays.stream(stackTrace(c, idOf(threadIds(c), "beta-worker"), null, null)
                    .getStackFrames()).filter(f -> f.getName().equals("worker_beta")).findFirst().orElseThrow();
            EvaluateResponse big = evaluate(c, beta.getId(), "beta_big");
            assertThat(big.getIndexedVariables()).isEqualTo(2500);

            Map<String, Variable> window = variables(c, big.getVariablesReference(), 2000, 3);
            assertThat(window.keySet()).containsExactly("[2000]", "[2001]", "[2002]");
            assertThat(window.values()).extracting(Variable::getValue).containsExactly("2000", "2001", "2002");
            assertThat(window.get("[2001]").getEvaluateName()).isEqualTo("beta_big[2001]");
            // Without a count, one response stops at the limit instead of reading everything.
            assertThat(variables(c, big.getVariablesReference(), null, null)).hasSize(1000);
            assertThat(variables(c, big.getVariablesReference(), 2400, null)).hasSize(100);
        }
    }

    @Test
    void aPidThatNamesNoProcessIsExplained() throws Exception {
        // readAllLines: Files.readString gets only the first byte of a sysctl file on JDK 17.
        int pidMax = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).trim());
        try (DapConnection c = connect()) {
            Map<String, Object> args = Map.of("processId", (double) pidMax + 1);
            ResponseError e = error(c.server.attach(args));
            assertThat(e.getMessage()).contains("No such process: " + (pidMax + 1))
                    .contains("Check the PID of the running Python process");
            assertThat(DapProtocolTest.ErrorBodyView.of(e).id()).isEqualTo(ErrorCode.NO_SUCH_PROCESS.id());
        }
    }

    @Test
    void aProcessThatIsNotPythonIsExplained() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try (DapConnection c = connect()) {
            ResponseError e = error(c.server.attach(Map.of("processId", (double) sleep.pid())));
            assertThat(e.getMessage()).contains("is not a Python process")
                    .contains("Attach to the Python interpreter process itself");
            assertThat(DapProtocolTest.ErrorBodyView.of(e).id()).isEqualTo(ErrorCode.NOT_PYTHON.id());
            assertThat(DapProtocolTest.ErrorBodyView.of(e).showUser()).isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The thread-list poller stops with its session (earlier sessions of this class are closed too). */
    private static void assertNoThreadWatcherLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watcherThreadsAlive() > 0 && System.nanoTime() < deadline) {
            java.lang.Thread.sleep(20);
        }
        assertThat(watcherThreadsAlive()).as("live pyprobe-thread-watcher threads").isZero();
    }

    private static long watcherThreadsAlive() {
        return java.lang.Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pyprobe-thread-watcher") && t.isAlive()).count();
    }

    private static Map<String, Integer> threadIds(DapConnection c) throws Exception {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Thread t : await(c.server.threads()).getThreads()) {
            ids.put(t.getName(), t.getId());
        }
        return ids;
    }

    private static String nameOf(DapConnection c, int id) throws Exception {
        return Arrays.stream(await(c.server.threads()).getThreads()).filter(t -> t.getId() == id)
                .map(Thread::getName).findFirst().orElseThrow(() -> new AssertionError("no thread " + id));
    }

    /** The id of the thread whose label starts with the Python name (labels add tid and state). */
    private static int idOf(Map<String, Integer> ids, String pythonName) {
        return ids.entrySet().stream().filter(e -> e.getKey().startsWith(pythonName + " ("))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no thread named " + pythonName + " in " + ids.keySet()));
    }

    private static StackTraceArguments stackArgs(int threadId, Integer start, Integer levels) {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(threadId);
        args.setStartFrame(start);
        args.setLevels(levels);
        return args;
    }

    private static StackTraceResponse stackTrace(DapConnection c, int threadId, Integer start, Integer levels)
            throws Exception {
        return await(c.server.stackTrace(stackArgs(threadId, start, levels)));
    }

    private static List<JsonObject> selfReportedStack(ThreadsFixture fx, String thread) {
        List<JsonObject> frames = new ArrayList<>();
        for (JsonElement f : fx.thread(thread).getAsJsonArray("stack")) {
            frames.add(f.getAsJsonObject());
        }
        return frames;
    }

    private static List<String> describe(List<StackFrame> frames) {
        return frames.stream().map(f -> f.getName() + " " + f.getSource().getPath() + ":" + f.getLine()).toList();
    }

    private static List<String> describeExpected(List<JsonObject> frames) {
        return frames.stream().map(f -> f.get("name").getAsString() + " " + f.get("file").getAsString() + ":"
                + f.get("line").getAsInt()).toList();
    }

    private static Map<String, Variable> variables(DapConnection c, int ref, Integer start, Integer count)
            throws Exception {
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(ref);
        args.setStart(start);
        args.setCount(count);
        Map<String, Variable> byName = new LinkedHashMap<>();
        for (Variable v : await(c.server.variables(args)).getVariables()) {
            byName.put(v.getName(), v);
        }
        return byName;
    }

    private static EvaluateResponse evaluate(DapConnection c, int frameId, String expression) throws Exception {
        return evaluate(c, frameId, expression, "watch");
    }

    private static EvaluateResponse evaluate(DapConnection c, int frameId, String expression, String context)
            throws Exception {
        return await(c.server.evaluate(evaluateArgs(frameId, expression, context)));
    }

    /** The message of a failed evaluation, which is answered in place: never a notification. */
    private static String evaluateError(DapConnection c, int frameId, String expression) throws Exception {
        ResponseError e = error(c.server.evaluate(evaluateArgs(frameId, expression, "watch")));
        assertThat(DapProtocolTest.ErrorBodyView.of(e).showUser()).as("showUser of %s", expression).isFalse();
        return e.getMessage();
    }

    private static EvaluateArguments evaluateArgs(int frameId, String expression, String context) {
        EvaluateArguments args = new EvaluateArguments();
        args.setFrameId(frameId);
        args.setExpression(expression);
        args.setContext(context);
        return args;
    }
}
