package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Asyncio tasks in the Call Stack: while paused, each pending task of async_fixture.py is a thread
 * of its own named after the task, with its coroutine frames as its stack, compared with the
 * program's own view of its tasks. Interpreters whose tasks the reader does not read (it says so
 * for the version) show none, and say why once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DapAsyncTasksEndToEndTest {
    private static final String SCRIPT = "async_fixture.py";
    /** Runs on every interpreter: a process without asyncio. */
    private static final String PLAIN = "counting_fixture.py";
    private static final String TASK = "task ";
    private static final String NOT_SHOWN = "Asyncio tasks are not shown as threads";

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return PythonInterpreters.selected();
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void eachPendingTaskIsAThreadWithItsCoroutineStack(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        Assumptions.assumeTrue(readerReadsTasks(interpreter), "the reader reads no asyncio tasks of " + interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir, SCRIPT); DapConnection c = connect()) {
            // With freeze the tasks are read inside it, with the stacks.
            attach(c, fx, Map.of("freeze", true));
            pause(c);
            List<Thread> listed = threads(c);
            Map<String, Integer> tasks = taskIds(listed);
            // The program's own view: the same tasks, each innermost coroutine frame the same function.
            Map<String, String> reported = new TreeMap<>();
            for (JsonElement t : fx.report.getAsJsonArray("tasks")) {
                JsonObject task = t.getAsJsonObject();
                reported.put(task.get("name").getAsString(), task.get("innermost").getAsString());
            }
            Map<String, String> shown = new TreeMap<>();
            for (Map.Entry<String, Integer> task : tasks.entrySet()) {
                shown.put(task.getKey(), stack(c, task.getValue()).getStackFrames()[0].getName());
            }
            assertThat(shown).isEqualTo(reported);

            // Listed after the process's threads, under ids of their own, named with who waits for whom.
            List<String> names = listed.stream().map(Thread::getName).toList();
            assertThat(names.get(0)).startsWith("MainThread (");
            int firstTask = names.indexOf(names.stream().filter(n -> n.startsWith(TASK)).findFirst().orElseThrow());
            assertThat(names.subList(firstTask, names.size())).allMatch(n -> n.startsWith(TASK)).hasSize(reported.size());
            assertThat(names).contains("task main (awaits 6 tasks)", "task worker-1 (awaited by main)");
            assertThat(listed.stream().map(Thread::getId)).doesNotHaveDuplicates();

            // A coroutine frame's locals expand like a frame's.
            StackFrame inner = Arrays.stream(stack(c, tasks.get("worker-1")).getStackFrames())
                    .filter(f -> f.getName().equals("inner")).findFirst().orElseThrow();
            assertThat(locals(c, inner.getId()).get("marker").getValue()).isEqualTo("'inner of worker-1'");

            // Continue ends the tasks' threads with the pause; the next pause shows them under the same ids.
            c.client.threads.clear();
            await(c.server.continue_(new ContinueArguments()));
            Set<Integer> exited = new HashSet<>();
            for (int i = 0; i < tasks.size(); i++) {
                ThreadEventArguments e = TestDapClient.next(c.client.threads, "thread exited");
                assertThat(e.getReason()).isEqualTo(ThreadEventArgumentsReason.EXITED);
                exited.add(e.getThreadId());
            }
            assertThat(exited).isEqualTo(Set.copyOf(tasks.values()));
            pause(c);
            assertThat(taskIds(threads(c))).isEqualTo(tasks);
        }
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void withoutTasksToReadNoTaskThreadIsShownAndNoPauseFails(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        boolean readsTasks = readerReadsTasks(interpreter);
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir, PLAIN); DapConnection c = connect()) {
            attach(c, fx, Map.of());
            for (int i = 0; i < 2; i++) {
                pause(c);
                assertThat(threads(c)).extracting(Thread::getName).noneMatch(n -> n.startsWith(TASK))
                        .noneMatch(n -> n.startsWith("…"));
                await(c.server.continue_(new ContinueArguments()));
            }
            List<String> said = c.client.outputs.stream().map(OutputEventArguments::getOutput)
                    .filter(o -> o.startsWith(NOT_SHOWN)).toList();
            // No asyncio loaded: nothing to say. A version whose tasks are not read: said once, with the reader's reason.
            assertThat(said).hasSize(readsTasks ? 0 : 1);
            said.forEach(o -> assertThat(o).contains("asyncio tasks are not read for Python"));
        }
    }

    @Test
    void asyncioTasksFalseShowsNone() throws Exception {
        String interpreter = PythonInterpreters.any();
        Assumptions.assumeTrue(readerReadsTasks(interpreter));
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx, Map.of("asyncioTasks", false));
            pause(c);
            assertThat(threads(c)).extracting(Thread::getName).isNotEmpty().noneMatch(n -> n.startsWith(TASK))
                    .noneMatch(n -> n.startsWith("…"));
        }
    }

    @Test
    void pastMaxTasksOneEntryCountsTheTasksLeftOut() throws Exception {
        String interpreter = PythonInterpreters.any();
        Assumptions.assumeTrue(readerReadsTasks(interpreter));
        try (ThreadsFixture fx = ThreadsFixture.start(interpreter, dir, SCRIPT); DapConnection c = connect()) {
            attach(c, fx, Map.of("maxTasks", 3.0));
            c.client.outputs.clear();
            pause(c);
            List<Thread> listed = threads(c);
            int pending = fx.report.getAsJsonArray("tasks").size();
            assertThat(listed).filteredOn(t -> t.getName().startsWith(TASK)).hasSize(3);
            Thread last = listed.get(listed.size() - 1);
            assertThat(last.getName()).isEqualTo("… " + (pending - 3) + " more tasks not shown (maxTasks 3)");
            StackTraceResponse empty = stack(c, last.getId());
            assertThat(empty.getStackFrames()).isEmpty();
            assertThat(empty.getTotalFrames()).isZero();
            assertThat(c.client.outputs.stream().map(OutputEventArguments::getOutput))
                    .anyMatch(o -> o.startsWith(pending + " asyncio tasks are pending; the Call Stack shows the first 3"));

            // The entry keeps its id from pause to pause, as the tasks do.
            await(c.server.continue_(new ContinueArguments()));
            pause(c);
            List<Thread> again = threads(c);
            assertThat(again.get(again.size() - 1).getId()).isEqualTo(last.getId());
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Whether the reader reads asyncio tasks of this interpreter's processes, asked of a process
     * without asyncio: it answers that tasks are not read for the version, or lists none.
     */
    private boolean readerReadsTasks(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture plain = ThreadsFixture.start(interpreter, Files.createDirectories(dir.resolve("gate")), PLAIN);
             PythonTarget target = PythonTargets.attach(plain.pid())) {
            assertThat(target.tasks()).isEmpty();
            return true;
        } catch (UnsupportedVersionException e) {
            return false;
        }
    }

    private static DapConnection connect() throws Exception {
        DapConnection c = new DapConnection(new PyprobeSessionStarter(PythonTargets::attach), AttachGuard.ALLOW_ALL);
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setClientID("vscode");
        init.setAdapterID("pyprobe");
        await(c.server.initialize(init));
        TestDapClient.next(c.client.initialized, "initialized");
        return c;
    }

    private static void attach(DapConnection c, ThreadsFixture fx, Map<String, Object> more) throws Exception {
        Map<String, Object> args = new HashMap<>(more);
        args.put("processId", (double) fx.pid());
        await(c.server.attach(args));
        await(c.server.configurationDone(null));
    }

    private static void pause(DapConnection c) throws Exception {
        await(c.server.pause(new PauseArguments()));
        TestDapClient.next(c.client.stopped, "stopped");
    }

    private static List<Thread> threads(DapConnection c) throws Exception {
        return new ArrayList<>(List.of(await(c.server.threads()).getThreads()));
    }

    /** Task name to thread id, from names like {@code task worker-1 (awaited by main)}. */
    private static Map<String, Integer> taskIds(List<Thread> listed) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        listed.stream().filter(t -> t.getName().startsWith(TASK)).forEach(t -> ids.put(
                t.getName().substring(TASK.length()).replaceFirst(" \\(.*\\)$", ""), t.getId()));
        return ids.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> { throw new AssertionError("two threads for one task name"); }, TreeMap::new));
    }

    private static StackTraceResponse stack(DapConnection c, int threadId) throws Exception {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(threadId);
        return await(c.server.stackTrace(args));
    }

    private static Map<String, Variable> locals(DapConnection c, int frameId) throws Exception {
        ScopesArguments scopes = new ScopesArguments();
        scopes.setFrameId(frameId);
        int ref = await(c.server.scopes(scopes)).getScopes()[0].getVariablesReference();
        VariablesArguments args = new VariablesArguments();
        args.setVariablesReference(ref);
        Map<String, Variable> byName = new LinkedHashMap<>();
        for (Variable v : await(c.server.variables(args)).getVariables()) {
            byName.put(v.getName(), v);
        }
        return byName;
    }
}
