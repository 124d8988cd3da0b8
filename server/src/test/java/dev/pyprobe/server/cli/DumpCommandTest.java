package dev.pyprobe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.server.dap.PythonInterpreters;
import dev.pyprobe.server.dap.ThreadsFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code dump --locals --freeze} prints one moment: the locals are read while the process is
 * stopped, not after it runs again. In counting_fixture.py the counter thread calls
 * {@code tick(n, ...)} and only then assigns the result to its {@code n}: whenever tick's frame is
 * on the stack, its {@code n} and count()'s {@code n} are equal. Locals read after the stacks, frame
 * by frame while the process runs, would differ there almost every time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DumpCommandTest {
    /** Dumps that find the counter inside tick() before the test is satisfied. */
    private static final int INSIDE_TICK_WANTED = 3;
    private static final int MAX_DUMPS = 300;

    @TempDir
    Path dir;

    static Stream<String> interpreters() {
        return PythonInterpreters.all();
    }

    @ParameterizedTest
    @MethodSource("interpreters")
    void frozenDumpReadsTheLocalsOfTheStacksMoment(String interpreter) throws Exception {
        PythonInterpreters.requireInstalled(interpreter);
        try (ThreadsFixture target = ThreadsFixture.start(interpreter, dir, "counting_fixture.py")) {
            int pid = target.pid();
            List<String> insideTick = new ArrayList<>();
            for (int i = 0; i < MAX_DUMPS && insideTick.size() < INSIDE_TICK_WANTED; i++) {
                JsonArray frames = counterFrames(dump(pid));
                if (frames.size() >= 2 && function(frames, 0).equals("tick") && function(frames, 1).equals("count")) {
                    String tickN = local(frames.get(0), "n");
                    String countN = local(frames.get(1), "n");
                    insideTick.add("tick n=" + tickN + ", count n=" + countN);
                    assertThat(tickN).as("tick's n and count()'s n in dump %d", i).isEqualTo(countN);
                }
            }
            assertThat(insideTick).as("dumps that found the counter inside tick()").hasSize(INSIDE_TICK_WANTED);
        }
    }

    private static JsonObject dump(int pid) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("dump", Integer.toString(pid), "--locals", "--freeze", "--json");
        assertThat(exit).as("dump: %s", err).isZero();
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    private static JsonArray counterFrames(JsonObject doc) {
        for (JsonElement t : doc.getAsJsonArray("threads")) {
            if (t.getAsJsonObject().get("name").getAsString().equals("counter")) {
                return t.getAsJsonObject().getAsJsonArray("frames");
            }
        }
        throw new AssertionError("no counter thread in " + doc);
    }

    private static String function(JsonArray frames, int index) {
        return frames.get(index).getAsJsonObject().get("function").getAsString();
    }

    private static String local(JsonElement frame, String name) {
        for (JsonElement l : frame.getAsJsonObject().getAsJsonArray("locals")) {
            if (l.getAsJsonObject().get("name").getAsString().equals(name)) {
                return l.getAsJsonObject().get("value").getAsString();
            }
        }
        throw new AssertionError("no local " + name + " in " + frame);
    }
}
