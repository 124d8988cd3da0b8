package dev.pyprobe.tests.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.tests.support.ForEachInterpreter;
import dev.pyprobe.tests.support.Interpreter;
import dev.pyprobe.tests.support.Renderings;
import dev.pyprobe.tests.support.SelfReport;
import dev.pyprobe.tests.support.SharedFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/** What blocked_threads.py knows about its modules, globals and objects, against pyprobe's view. */
class ModulesAndMemoryTest {
    /** In every non-debug build from 2.7 to 3.13 an object starts with its refcount, then its type pointer. */
    private static final int OB_TYPE_OFFSET = 8;

    @ForEachInterpreter
    void moduleFilesAreThoseOfSysModules(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            // As sets: one module can be listed under two names (os.path and posixpath).
            assertThat(Set.copyOf(target.moduleFiles())).isEqualTo(Set.copyOf(fixture.report().moduleFiles()))
                    .contains(fixture.report().unicodeModuleFile());
        }
    }

    @ForEachInterpreter
    void globalsOfAFrameAreItsModulesNames(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        SelfReport.Globals expected = fixture.report().globals();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            List<NamedValue> globals = target.globals(LocalsTest.localsFrame(target, fixture));
            assertThat(globals).extracting(NamedValue::name).containsExactlyInAnyOrderElementsOf(expected.names());
            Map<String, PyValue> byName = globals.stream().collect(Collectors.toMap(NamedValue::name, NamedValue::value));
            SoftAssertions softly = new SoftAssertions();
            for (SelfReport.Local scalar : expected.scalars()) {
                softly.assertThat(byName.get(scalar.name()).address()).as(scalar.name() + " address").isEqualTo(scalar.id());
                Renderings.assertRendering(softly, scalar, byName.get(scalar.name()).text());
            }
            softly.assertAll();
        }
    }

    @ForEachInterpreter
    void rawMemoryShowsObjectHeadersAndRefusesUnmappedAddresses(Interpreter interpreter) {
        var fixture = SharedFixtures.blockedThreads(interpreter);
        Map<String, SelfReport.Local> locals = fixture.report().localsFrame().byName();
        try (PythonTarget target = PythonTargets.attach(fixture.pid())) {
            long intType = typePointer(target, locals.get("v_small_int").id());
            assertThat(typePointer(target, locals.get("v_negative_int").id())).isEqualTo(intType);
            assertThat(typePointer(target, locals.get("v_int_2_30").id())).isEqualTo(intType);
            assertThat(typePointer(target, locals.get("v_float").id()))
                    .isEqualTo(typePointer(target, locals.get("v_float_tiny").id()))
                    .isNotEqualTo(intType);
            assertThat(target.readMemory(locals.get("v_list").id(), 64)).hasSize(64);
            assertThatThrownBy(() -> target.readMemory(8, 16)).isInstanceOf(MemoryReadException.class);
        }
    }

    private static long typePointer(PythonTarget target, long object) {
        byte[] header = target.readMemory(object, OB_TYPE_OFFSET + 8);
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong(OB_TYPE_OFFSET);
    }
}
