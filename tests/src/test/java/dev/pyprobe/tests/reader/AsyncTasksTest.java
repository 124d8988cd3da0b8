package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.layout.LayoutTable;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.tests.support.Cli;
import dev.pyprobe.tests.support.FixtureProcess;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Interpreters;
import dev.pyprobe.tests.support.SelfReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attaches to async_tasks.py and compares every pending task pyprobe reads (name, id, coroutine
 * stack frame by frame, the tasks that wait for it) with the program's own view of its tasks.
 * Runs on every interpreter whose layout says where asyncio keeps its tasks.
 */
class AsyncTasksTest {

    /** The interpreters whose series has an {@code asyncio} group in the layout table. */
    static List<Interpreter> withTasks() {
        Set<String> series = Arrays.stream(LayoutTable.builtIn().supporting(LayoutTable.ASYNCIO).split(", "))
                .collect(Collectors.toSet());
        return Interpreters.all().stream().filter(i -> series.contains(seriesOf(i.key()))).toList();
    }

    /** "3.12", "debian-3.11", "sid-3.13d" to the series. */
    private static String seriesOf(String key) {
        return key.replaceFirst("^[a-z]+-", "").replaceFirst("d$", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withTasks")
    void everyPendingTaskMatchesTheProgramsOwnView(Interpreter interpreter) {
        try (FixtureProcess fixture = FixtureProcess.start(interpreter, "async_tasks.py");
             PythonTarget target = PythonTargets.attach(fixture.pid())) {
            SelfReport.AsyncTasks report = fixture.report(SelfReport.AsyncTasks.class);
            List<AsyncTask> tasks = target.tasks();

            Map<Long, String> names = report.tasks().stream()
                    .collect(Collectors.toMap(SelfReport.Task::id, SelfReport.Task::name));
            assertThat(describe(tasks, names)).isEqualTo(describeReported(report.tasks(), names));
            assertThat(tasks).allMatch(AsyncTask::consistent);
            assertThat(tasks.stream().map(AsyncTask::loop).distinct()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withTasks")
    void dumpPrintsTheTasksAsATreeAndAsAJsonList(Interpreter interpreter) {
        try (FixtureProcess fixture = FixtureProcess.start(interpreter, "async_tasks.py")) {
            SelfReport.AsyncTasks report = fixture.report(SelfReport.AsyncTasks.class);
            String pid = Integer.toString(fixture.pid());

            Cli.Result json = Cli.run("dump", pid, "--tasks", "--json");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            Map<String, String> listed = new TreeMap<>();
            for (JsonElement e : JsonParser.parseString(json.stdout()).getAsJsonObject().getAsJsonArray("tasks")) {
                JsonObject t = e.getAsJsonObject();
                List<Long> awaitedBy = new ArrayList<>();
                t.getAsJsonArray("awaited_by").forEach(id -> awaitedBy.add(id.getAsLong()));
                awaitedBy.sort(null);
                listed.put(t.get("name").getAsString(), t.get("id").getAsLong() + " " + awaitedBy + " "
                        + t.getAsJsonArray("frames").size());
            }
            Map<String, String> reported = new TreeMap<>();
            report.tasks().forEach(t -> reported.put(t.name(), t.id() + " " + t.awaitedBy() + " " + t.frames().size()));
            assertThat(listed).isEqualTo(reported);

            Cli.Result text = Cli.run("dump", pid, "--tasks");
            assertThat(text.exitCode()).as(text.toString()).isZero();
            // The shielded task hangs under the shielder's frame, which hangs under the shielder.
            assertThat(text.stdout()).contains("Asyncio tasks: " + report.tasks().size() + " pending")
                    .containsPattern("\\(T\\) shielder\\n\\s*[│ ]*└──  shielder [^\\n]*\\n\\s*[│ ]*└── \\(T\\) shielded\\n");
        }
    }

    /** Interpreters that have {@code python -m asyncio pstree} (3.14+) to compare the text form with. */
    static List<Interpreter> withPstree() {
        return withTasks().stream().filter(i -> !seriesOf(i.key()).matches("3\\.([0-9]|1[0-3])")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withPstree")
    void theTreeIsWhatAsyncioPstreePrints(Interpreter interpreter) throws Exception {
        try (FixtureProcess fixture = FixtureProcess.start(interpreter, "async_tasks.py")) {
            SelfReport.AsyncTasks report = fixture.report(SelfReport.AsyncTasks.class);
            Cli.Result ours = Cli.run("dump", Integer.toString(fixture.pid()), "--tasks");
            assertThat(ours.exitCode()).as(ours.toString()).isZero();
            String tree = ours.stdout().substring(ours.stdout().indexOf("Asyncio tasks:"));
            tree = tree.substring(tree.indexOf('\n') + 1);
            assertThat(tree).isEqualTo(pstree(interpreter, fixture, report.pid()));
        }
    }

    /** What {@code python -m asyncio pstree} prints for the fixture, run where the fixture runs. */
    private static String pstree(Interpreter interpreter, FixtureProcess fixture, int pidInTarget) throws Exception {
        List<String> command = new ArrayList<>();
        if (interpreter.inContainer()) {
            // Inside the fixture's own root and PID namespace, where its PID is the one it reported.
            String python = "/usr/bin/" + interpreter.requireExecutable().getFileName();
            command.addAll(List.of("nsenter", "--target", Integer.toString(fixture.pid()), "--pid", "--mount", "--root",
                    python));
        } else {
            command.add(interpreter.requireExecutable().toString());
        }
        command.addAll(List.of("-m", "asyncio", "pstree", Integer.toString(pidInTarget)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + ": " + out).isZero();
        return out;
    }

    /** Task name to "id=..., awaited by [names], frames" in the report's terms. */
    private static Map<String, String> describe(List<AsyncTask> tasks, Map<Long, String> names) {
        return tasks.stream().collect(Collectors.toMap(AsyncTask::name,
                t -> line(t.id(), t.awaitedBy(), names, t.frames().stream().map(AsyncTasksTest::frame).toList()),
                (a, b) -> a + " AND " + b, TreeMap::new));
    }

    private static Map<String, String> describeReported(List<SelfReport.Task> tasks, Map<Long, String> names) {
        return tasks.stream().collect(Collectors.toMap(SelfReport.Task::name,
                t -> line(t.id(), t.awaitedBy(), names, t.frames().stream().map(AsyncTasksTest::frame).toList()),
                (a, b) -> a + " AND " + b, TreeMap::new));
    }

    private static String line(long id, List<Long> awaitedBy, Map<Long, String> names, List<String> frames) {
        Function<Long, String> name = i -> names.getOrDefault(i, String.format("0x%x", i));
        return "id=" + id + " awaited by " + awaitedBy.stream().map(name).sorted().toList() + " " + frames;
    }

    private static String frame(PythonFrame f) {
        return f.function() + " (" + f.file() + ":" + f.line() + ")";
    }

    private static String frame(SelfReport.Frame f) {
        return f.function() + " (" + f.file() + ":" + f.line() + ")";
    }
}
