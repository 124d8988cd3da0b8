package dev.pyprobe.tests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.tests.support.Cli;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Interpreters;
import dev.pyprobe.tests.support.SharedFixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second oracle beside the fixtures' own view: on Debian's 3.15 in its container, pyprobe's
 * dump and CPython's own sampler read the same parked process and must agree thread by thread,
 * frame by frame (function, file, line).
 */
class TachyonAgreesTest {
    static Stream<Interpreter> pythons315() {
        return Interpreters.all().stream().filter(i -> i.key().startsWith("sid-3.15"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythons315")
    void pyprobeAndCPythonsSamplerSeeTheSameThreadsFramesAndLines(Interpreter interpreter) {
        interpreter.requireExecutable();
        var fixture = SharedFixtures.blockedThreads(interpreter);
        Map<Integer, TachyonDump.ThreadDump> tachyon = TachyonDump.of(fixture.pid(),
                "/usr/bin/python" + interpreter.key().substring("sid-".length()));
        Cli.Result result = Cli.run("dump", "--json", Integer.toString(fixture.pid()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonObject doc = JsonParser.parseString(result.stdout()).getAsJsonObject();
        Map<Integer, List<TachyonDump.Frame>> pyprobe = framesByTid(doc);

        Map<Integer, List<TachyonDump.Frame>> expected = new HashMap<>();
        tachyon.forEach((nsTid, dump) -> expected.put(fixture.process().hostTid(nsTid), dump.frames()));
        assertThat(pyprobe.keySet()).as("threads (host TIDs)").containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(pyprobe).hasSize(fixture.report().threadCount());
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((tid, frames) -> softly.assertThat(pyprobe.get(tid)).as("thread %d", tid).isEqualTo(frames));
        Map<Integer, Boolean> idle = new HashMap<>();
        doc.getAsJsonArray("threads").forEach(t -> idle.put(t.getAsJsonObject().get("tid").getAsInt(),
                t.getAsJsonObject().get("idle").getAsBoolean()));
        tachyon.forEach((nsTid, dump) -> softly.assertThat(idle.get(fixture.process().hostTid(nsTid)))
                .as("idle, as CPython's sampler labels thread %d: %s", nsTid, dump.labels())
                .isEqualTo(dump.labels() != null && dump.labels().contains("idle")));
        softly.assertAll();
    }

    private static Map<Integer, List<TachyonDump.Frame>> framesByTid(JsonObject doc) {
        Map<Integer, List<TachyonDump.Frame>> out = new HashMap<>();
        for (JsonElement t : doc.getAsJsonArray("threads")) {
            JsonObject thread = t.getAsJsonObject();
            List<TachyonDump.Frame> frames = new ArrayList<>();
            for (JsonElement f : thread.getAsJsonArray("frames")) {
                JsonObject frame = f.getAsJsonObject();
                frames.add(new TachyonDump.Frame(frame.get("function").getAsString(), frame.get("file").getAsString(),
                        frame.get("line").getAsInt()));
            }
            out.put(thread.get("tid").getAsInt(), frames);
        }
        return out;
    }
}
