package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.tests.support.BlockedThreadsFacts;
import dev.pyprobe.tests.support.Fixtures;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Renderings;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;

/**
 * The locals of frame_with_locals in blocked_threads.py, read by pyprobe, against the types,
 * reprs and ids the frame reported about itself (see {@link Renderings} for the rendering rules).
 */
class LocalsTest {
    private static final Map<String, PyValue.Kind> KINDS = Map.ofEntries(
            Map.entry("NoneType", PyValue.Kind.NONE), Map.entry("bool", PyValue.Kind.BOOL),
            Map.entry("int", PyValue.Kind.INT), Map.entry("long", PyValue.Kind.INT),
            Map.entry("float", PyValue.Kind.FLOAT), Map.entry("unicode", PyValue.Kind.STR),
            Map.entry("bytes", PyValue.Kind.BYTES), Map.entry("tuple", PyValue.Kind.TUPLE),
            Map.entry("list", PyValue.Kind.LIST), Map.entry("dict", PyValue.Kind.DICT),
            Map.entry("set", PyValue.Kind.SET), Map.entry("frozenset", PyValue.Kind.SET));

    @ForEachInterpreter
    void localsMatchTheFramesOwnView(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.LocalsFrame expected = fixture.report().localsFrame();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            Map<String, PyValue> read = byName(target.locals(localsFrame(target, fixture)));
            assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.byName().keySet());

            SoftAssertions softly = new SoftAssertions();
            for (SelfReport.Local local : expected.locals()) {
                PyValue value = read.get(local.name());
                String what = local.name() + " = " + abbreviated(local.repr());
                softly.assertThat(value.typeName()).as(what + " type").isEqualTo(local.type());
                softly.assertThat(value.address()).as(what + " address (id)").isEqualTo(local.id());
                softly.assertThat(value.kind()).as(what + " kind").isEqualTo(expectedKind(local, interpreter));
                Integer children = expectedChildCount(local);
                if (children != null) {
                    softly.assertThat(value.childCount()).as(what + " child count").isEqualTo(children);
                }
                Renderings.assertRendering(softly, local, value.text());
            }
            softly.assertAll();
        }
    }

    @ForEachInterpreter
    void containersAndObjectsExpandToTheirContent(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        Map<String, SelfReport.Local> expected = fixture.report().localsFrame().byName();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            Map<String, PyValue> read = byName(target.locals(localsFrame(target, fixture)));

            List<NamedValue> tail = target.children(read.get("v_long_list"), 990, 10);
            assertThat(tail).extracting(n -> n.value().text())
                    .containsExactlyElementsOf(IntStream.range(990, 1000).mapToObj(Integer::toString).toList());

            List<NamedValue> attributes = target.children(read.get("v_instance"), 0, 10);
            assertThat(attributes).extracting(NamedValue::name).containsExactlyInAnyOrderElementsOf(
                    expected.get("v_instance").attributes());
            assertThat(attributes).extracting(n -> n.name() + "=" + n.value().text())
                    .containsExactlyInAnyOrder("x=3", "y=4");
            assertThat(target.attribute(read.get("v_instance"), "y")).map(PyValue::text).contains("4");
            assertThat(target.attribute(read.get("v_instance"), "z")).isEmpty();

            List<NamedValue> tuple = target.children(read.get("v_tuple"), 0, 10);
            assertThat(tuple).extracting(n -> n.value().typeName()).containsExactly(
                    "int", interpreter.python2() ? "unicode" : "str", "float");
            assertThat(target.item(read.get("v_list"), "1")).map(PyValue::text).contains("2");
            assertThat(target.item(read.get("v_long_list"), "999")).map(PyValue::text).contains("999");
            assertThat(target.item(read.get("v_list"), "3")).isEmpty();
        }
    }

    @ForEachInterpreter
    void localsAreReadInEveryFrameOfADeepStack(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        long recursor = fixture.report().thread("recursor").ident();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            List<PythonFrame> frames = ThreadsAndStacksTest.stackOf(target.snapshot(SnapshotOptions.DEFAULT), recursor)
                    .frames().stream().filter(f -> f.function().equals(BlockedThreadsFacts.RECURSIVE_FUNCTION)).toList();
            assertThat(frames).hasSize(fixture.report().recursionDepth());
            // recurse(depth) calls recurse(depth - 1) down to 1: innermost first, the n-th has depth n.
            for (int i = 0; i < frames.size(); i++) {
                Map<String, PyValue> locals = byName(target.locals(frames.get(i)));
                assertThat(locals.keySet()).as("frame %d", i).containsExactlyInAnyOrder("depth", "checkpoint", "lock");
                assertThat(locals.get("depth").text()).as("depth in frame %d", i).isEqualTo(Integer.toString(i + 1));
            }
        }
    }

    /** The frame of frame_with_locals, found through a snapshot as a client would. */
    static PythonFrame localsFrame(PythonTarget target, Fixtures.Started<SelfReport.BlockedThreads> fixture) {
        long ident = fixture.report().localsFrame().threadIdent();
        PythonFrame frame = ThreadsAndStacksTest.stackOf(target.snapshot(SnapshotOptions.DEFAULT), ident).frames().get(0);
        assertThat(frame.function()).isEqualTo(BlockedThreadsFacts.LOCALS_FUNCTION);
        return frame;
    }

    private static Map<String, PyValue> byName(List<NamedValue> values) {
        assertThat(values).extracting(NamedValue::name).doesNotHaveDuplicates();
        return values.stream().collect(Collectors.toMap(NamedValue::name, NamedValue::value));
    }

    /** Python 2's str is its byte string; everything not builtin is an object. */
    private static PyValue.Kind expectedKind(SelfReport.Local local, Interpreter interpreter) {
        if (local.type().equals("str")) {
            return interpreter.python2() ? PyValue.Kind.BYTES : PyValue.Kind.STR;
        }
        return KINDS.getOrDefault(local.type(), PyValue.Kind.OBJECT);
    }

    /** Items of containers, attributes of our Point; 0 for scalars; null where it is not ours to say. */
    private static Integer expectedChildCount(SelfReport.Local local) {
        if (local.len() != null) {
            return local.len();
        }
        if (local.attributes() != null) {
            return local.attributes().size();
        }
        return List.of("NoneType", "bool", "int", "long", "float").contains(local.type()) ? 0 : null;
    }

    private static String abbreviated(String repr) {
        return repr.length() <= 60 ? repr : repr.substring(0, 60) + "[...]";
    }
}
