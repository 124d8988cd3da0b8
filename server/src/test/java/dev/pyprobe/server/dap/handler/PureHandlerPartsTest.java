package dev.pyprobe.server.dap.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonThread;
import org.junit.jupiter.api.Test;

/** The parts of the handlers that are plain functions. */
class PureHandlerPartsTest {

    private static PyValue value(PyValue.Kind kind) {
        return new PyValue("t", "x", 0x1000, kind, 2);
    }

    @Test
    void childExpressionsFollowTheReadersNaming() {
        assertThat(VariableFactory.childExpression("l", value(PyValue.Kind.LIST), "[3]")).isEqualTo("l[3]");
        assertThat(VariableFactory.childExpression("t", value(PyValue.Kind.TUPLE), "[0]")).isEqualTo("t[0]");
        assertThat(VariableFactory.childExpression("d", value(PyValue.Kind.DICT), "'k'")).isEqualTo("d['k']");
        assertThat(VariableFactory.childExpression("d", value(PyValue.Kind.DICT), "42")).isEqualTo("d[42]");
        assertThat(VariableFactory.childExpression("d", value(PyValue.Kind.DICT), "u'k'")).as("Python 2's unicode key")
                .isEqualTo("d['k']");
        assertThat(VariableFactory.childExpression("o", value(PyValue.Kind.OBJECT), "attr")).isEqualTo("o.attr");
    }

    @Test
    void childrenWithoutAnAcceptedExpressionHaveNone() {
        assertThat(VariableFactory.childExpression("s", value(PyValue.Kind.SET), "[0]")).isNull();
        assertThat(VariableFactory.childExpression("d", value(PyValue.Kind.DICT), "(1, 2)")).isNull();
        assertThat(VariableFactory.childExpression("d", value(PyValue.Kind.DICT), "3.5")).isNull();
        assertThat(VariableFactory.childExpression(null, value(PyValue.Kind.LIST), "[0]")).isNull();
    }

    @Test
    void memoryReferencesAreHexAddressesAndNullHasNone() {
        assertThat(VariableFactory.memoryReference(new PyValue("int", "1", 0x7f00dead0010L, PyValue.Kind.INT, 0)))
                .isEqualTo("0x7f00dead0010");
        assertThat(VariableFactory.memoryReference(new PyValue("", "<NULL>", 0, PyValue.Kind.UNREADABLE, 0))).isNull();
        assertThat(ReadMemoryHandler.parseReference("0x7f00dead0010")).isEqualTo(0x7f00dead0010L);
        assertThat(ReadMemoryHandler.parseReference("4096")).isEqualTo(4096L);
        assertThatThrownBy(() -> ReadMemoryHandler.parseReference("0xZZ")).hasMessageContaining("is not an address");
        assertThatThrownBy(() -> ReadMemoryHandler.parseReference(null)).hasMessageContaining("needs a memoryReference");
    }

    @Test
    void threadLabelsCarryThePythonNameTheTidAndTheState() {
        assertThat(ThreadsHandler.label(new PythonThread(1L, 4242, 0, "worker", true, false, 0, 0)))
                .isEqualTo("worker (holds the GIL, tid 4242)");
        assertThat(ThreadsHandler.label(new PythonThread(1L, 4243, 0, "io", false, true, 0, 0)))
                .isEqualTo("io (idle, tid 4243)");
        assertThat(ThreadsHandler.label(new PythonThread(7L, 0, 0, null, false, false, 0, 0)))
                .isEqualTo("Thread-7 (running)");
    }

    @Test
    void aContainersThreadNamesTheIdItHasThereToo() {
        assertThat(ThreadsHandler.label(new PythonThread(1L, 3301, 4, "worker", false, true, 0, 0)))
                .isEqualTo("worker (idle, tid 3301, tid 4 in its namespace)");
        assertThat(ThreadsHandler.label(new PythonThread(1L, 0, 4, "gone", false, false, 0, 0)))
                .as("a host TID that could not be found is not made up")
                .isEqualTo("gone (running, tid 4 in its namespace)");
    }
}
