package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.tests.support.BlockedThreadsFacts;
import dev.pyprobe.tests.support.Cli;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Processes;
import dev.pyprobe.tests.support.Renderings;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pyprobe dump} run as a subprocess against blocked_threads.py. JSON shape:
 * {@code {"pid", "python", "threads": [{"tid", "name", "gil", "idle", "frames": [{"function",
 * "file", "line", "locals": [{"name", "type", "value"}]}]}]}}.
 */
class DumpCliTest {
    private static final Predicate<JsonElement> NUMBER = e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    private static final Predicate<JsonElement> STRING = e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    private static final Predicate<JsonElement> BOOLEAN = e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
    private static final Predicate<JsonElement> ARRAY = JsonElement::isJsonArray;

    @ForEachInterpreter
    void jsonDumpHasTheDocumentedShapeAndTheReportedStacks(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.BlockedThreads report = fixture.report();
        JsonObject doc = dumpJson(fixture.pid(), "--json");

        assertThat(field(doc, "pid", NUMBER).getAsInt()).isEqualTo(fixture.pid());
        assertThat(field(doc, "python", STRING).getAsString()).isEqualTo(report.pythonVersion().toString());
        Map<Integer, JsonObject> threads = threadsByTid(doc);
        assertThat(threads.keySet()).containsExactlyInAnyOrderElementsOf(
                report.threads().stream().map(fixture::hostTid).toList());

        SoftAssertions softly = new SoftAssertions();
        for (SelfReport.Thread reported : report.threads()) {
            JsonObject thread = threads.get(fixture.hostTid(reported));
            String who = reported.role() + " thread";
            softly.assertThat(field(thread, "name", STRING).getAsString()).as(who + " name").isEqualTo(reported.name());
            softly.assertThat(field(thread, "gil", BOOLEAN).getAsBoolean()).as(who + " gil").isFalse();
            softly.assertThat(field(thread, "idle", BOOLEAN).getAsBoolean()).as(who + " idle").isTrue();
            List<String> frames = new ArrayList<>();
            for (JsonElement f : field(thread, "frames", ARRAY).getAsJsonArray()) {
                JsonObject frame = f.getAsJsonObject();
                frames.add(field(frame, "function", STRING).getAsString() + " " + field(frame, "file", STRING).getAsString()
                        + ":" + field(frame, "line", NUMBER).getAsInt());
            }
            softly.assertThat(frames).as(who + " frames").isEqualTo(reported.frames().stream()
                    .map(f -> f.function() + " " + f.file() + ":" + f.line()).toList());
        }
        softly.assertAll();
    }

    @ForEachInterpreter
    void jsonDumpWithLocalsRendersTheKnownFrame(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.BlockedThreads report = fixture.report();
        JsonObject doc = dumpJson(fixture.pid(), "--json", "--locals");

        JsonObject thread = threadsByTid(doc).get(fixture.hostTid(report.thread("locals")));
        JsonObject frame = field(thread, "frames", ARRAY).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(field(frame, "function", STRING).getAsString()).isEqualTo(BlockedThreadsFacts.LOCALS_FUNCTION);
        Map<String, JsonObject> locals = new HashMap<>();
        for (JsonElement l : field(frame, "locals", ARRAY).getAsJsonArray()) {
            JsonObject local = l.getAsJsonObject();
            locals.put(field(local, "name", STRING).getAsString(), local);
        }
        assertThat(locals.keySet()).containsExactlyInAnyOrderElementsOf(report.localsFrame().byName().keySet());

        SoftAssertions softly = new SoftAssertions();
        for (SelfReport.Local expected : report.localsFrame().locals()) {
            JsonObject local = locals.get(expected.name());
            softly.assertThat(field(local, "type", STRING).getAsString()).as(expected.name() + " type")
                    .isEqualTo(expected.type());
            Renderings.assertRendering(softly, expected, field(local, "value", STRING).getAsString());
        }
        softly.assertAll();
    }

    @ForEachInterpreter
    void textDumpNamesEveryThreadAndItsInnermostFunction(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.BlockedThreads report = fixture.report();
        Cli.Result result = Cli.run("dump", Integer.toString(fixture.pid()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (SelfReport.Thread thread : report.threads()) {
            SelfReport.Frame innermost = thread.frames().get(0);
            assertThat(result.stdout()).as(result.toString())
                    .contains(thread.name(), innermost.function(), innermost.file());
        }
    }

    @Test
    void unknownPidIsOneClearLineAndAFailureStatus() {
        int pid = Processes.unusedPid();
        Cli.Result result = Cli.run("dump", "--json", Integer.toString(pid));
        assertOneLineError(result, pid, "no such process");
    }

    @Test
    void aProcessWithoutPythonIsOneClearLineAndAFailureStatus() throws Exception {
        try (Processes.Running sleep = Processes.start("sleep", "60").awaitExecutable("sleep", Duration.ofSeconds(10))) {
            Cli.Result result = Cli.run("dump", Integer.toString(sleep.pid()));
            assertOneLineError(result, sleep.pid(), "not a Python process");
        }
    }

    private static void assertOneLineError(Cli.Result result, int pid, String why) {
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stdout()).as(result.toString()).isEmpty();
        assertThat(result.stderr().strip()).as(result.toString())
                .doesNotContain("\n").containsIgnoringCase(why).contains(Integer.toString(pid));
    }

    private static JsonObject dumpJson(int pid, String... options) {
        List<String> args = new ArrayList<>(List.of("dump"));
        args.addAll(List.of(options));
        args.add(Integer.toString(pid));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonElement doc = JsonParser.parseString(result.stdout());
        assertThat(doc.isJsonObject()).as(result.toString()).isTrue();
        return doc.getAsJsonObject();
    }

    private static Map<Integer, JsonObject> threadsByTid(JsonObject doc) {
        Map<Integer, JsonObject> byTid = new HashMap<>();
        for (JsonElement t : field(doc, "threads", ARRAY).getAsJsonArray()) {
            JsonObject thread = t.getAsJsonObject();
            JsonObject previous = byTid.put(field(thread, "tid", NUMBER).getAsInt(), thread);
            assertThat(previous).as("two threads with tid " + thread.get("tid")).isNull();
        }
        return byTid;
    }

    /** A member that must be present with the given JSON type. */
    private static JsonElement field(JsonObject o, String name, Predicate<JsonElement> type) {
        JsonElement e = o.get(name);
        assertThat(e).as("\"" + name + "\" in " + o).isNotNull();
        assertThat(type.test(e)).as("type of \"" + name + "\" in " + o).isTrue();
        return e;
    }
}
