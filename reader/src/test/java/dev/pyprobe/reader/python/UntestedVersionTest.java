package dev.pyprobe.reader.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.python.layout.LayoutTable;
import dev.pyprobe.reader.python.objects.ReadLimits;
import dev.pyprobe.reader.testing.SuitePythons;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A version newer than the layout table, read through its own {@code _Py_DebugOffsets}: real
 * targets of the sid root attached with a table that lacks their version (layouts.json without
 * that entry, built here only). Every CPython minor so far has moved members of
 * {@code _Py_DebugOffsets} (3.14 inserted some into the interpreter's part, 3.15 into the thread
 * state's), so the older entry's positions do not fit and the attach is refused with the reason;
 * a version that kept the older struct is read like its own entry reads it, with a warning.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UntestedVersionTest {
    private static final String LAYOUTS = "/dev/pyprobe/reader/python/layouts.json";
    private static final String PYTHON_315 = SuitePythons.sid("python3.15");

    @ParameterizedTest
    @CsvSource({"python3.14, 3.14, 3.13", "python3.15, 3.15, 3.14"})
    void anOlderEntryWhosePositionsDoNotFitIsRefusedWithTheReason(String build, String hidden, String older)
            throws Exception {
        String python = SuitePythons.sid(build);
        SuitePythons.requireInstalled(python);
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(python)) {
            assertThatThrownBy(() -> LivePythonTarget.attach(fx.pid, ReadLimits.DEFAULT, table(v -> v.remove(hidden))))
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageStartingWith("unsupported Python version " + hidden + ".")
                    .hasMessageContaining("its _Py_DebugOffsets are laid out differently from " + older + "'s");
        }
    }

    @Test
    void aVersionThatKeptTheOlderStructIsReadThroughItsDebugOffsetsAsItsOwnEntryReadsIt() throws Exception {
        SuitePythons.requireInstalled(PYTHON_315);
        // As if 3.15 had kept 3.14's _Py_DebugOffsets: the table lacks 3.15 and 3.14's entry carries 3.15's
        // positions; every number they do not give comes from 3.14's entry.
        LayoutTable without315 = table(versions -> {
            versions.getAsJsonObject("3.14").add("debugOffsets", versions.getAsJsonObject("3.15").get("debugOffsets"));
            versions.remove("3.15");
        });
        try (ParkedThreadsFixture fx = ParkedThreadsFixture.start(PYTHON_315);
             PythonTarget known = PythonTargets.attach(fx.pid);
             PythonTarget untested = LivePythonTarget.attach(fx.pid, ReadLimits.DEFAULT, without315)) {
            assertThat(known.warning()).isEmpty();
            assertThat(untested.warning()).contains("untested Python version 3.15, read through its debug offsets");
            assertThat(untested.version()).isEqualTo(known.version());

            ProcessSnapshot expected = known.snapshot(SnapshotOptions.DEFAULT);
            ProcessSnapshot actual = untested.snapshot(SnapshotOptions.DEFAULT);
            assertThat(stacks(expected)).isEqualTo(reported(fx.report));
            assertThat(stacks(actual)).isEqualTo(stacks(expected));
            assertThat(names(actual)).isEqualTo(names(expected));
            assertThat(locals(untested, actual)).isEqualTo(locals(known, expected))
                    .anyMatch(local -> local.startsWith("v_instance=<__main__.Point object at ") && local.endsWith("{x=3, y=4}"));
        }
    }

    /** The built-in table's document, changed by {@code edit} (given its {@code versions} object). */
    private static LayoutTable table(Consumer<JsonObject> edit) throws Exception {
        try (InputStreamReader in = new InputStreamReader(LayoutTable.class.getResourceAsStream(LAYOUTS),
                StandardCharsets.UTF_8)) {
            JsonObject doc = JsonParser.parseReader(in).getAsJsonObject();
            edit.accept(doc.getAsJsonObject("versions"));
            return LayoutTable.read(new StringReader(doc.toString()));
        }
    }

    /** Each thread's frames by ident, as {@code function:line}. */
    private static Map<Long, List<String>> stacks(ProcessSnapshot snapshot) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (ThreadStack stack : snapshot.threads()) {
            out.put(stack.thread().ident(), stack.frames().stream().map(f -> f.function() + ":" + f.line()).toList());
        }
        return out;
    }

    /** The same from the fixture's report of itself (sys._current_frames()). */
    private static Map<Long, List<String>> reported(JsonObject report) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (JsonElement t : report.getAsJsonArray("threads")) {
            JsonObject thread = t.getAsJsonObject();
            List<String> frames = thread.getAsJsonArray("frames").asList().stream()
                    .map(f -> f.getAsJsonObject().get("function").getAsString() + ":"
                            + f.getAsJsonObject().get("line").getAsInt())
                    .toList();
            out.put(thread.get("ident").getAsLong(), frames);
        }
        return out;
    }

    private static Map<Long, String> names(ProcessSnapshot snapshot) {
        return snapshot.threads().stream().collect(Collectors.toMap(s -> s.thread().ident(), s -> s.thread().name()));
    }

    /** The innermost frame's locals of every thread, rendered, and each object's attributes. */
    private static List<String> locals(PythonTarget target, ProcessSnapshot snapshot) {
        return snapshot.threads().stream()
                .filter(s -> !s.frames().isEmpty())
                .flatMap(s -> target.locals(s.frames().get(0)).stream())
                .map(v -> v.name() + "=" + v.value().text() + attributes(target, v.value()))
                .toList();
    }

    private static String attributes(PythonTarget target, PyValue value) {
        if (value.kind() != PyValue.Kind.OBJECT) {
            return "";
        }
        return target.children(value, 0, 100).stream().map(c -> c.name() + "=" + c.value().text())
                .collect(Collectors.joining(", ", " {", "}"));
    }
}
