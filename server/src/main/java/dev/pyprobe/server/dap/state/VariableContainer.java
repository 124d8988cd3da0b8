package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;

/** What a {@code variablesReference} stands for. */
public sealed interface VariableContainer {

    /** The local variables of a frame of the current snapshot. */
    record Locals(PythonFrame frame) implements VariableContainer {
    }

    /** The globals of a frame's module. */
    record Globals(PythonFrame frame) implements VariableContainer {
    }

    /**
     * The items, entries or attributes of a value.
     *
     * @param evaluateName the expression that reaches the value, or null when there is none
     */
    record Children(PyValue value, String evaluateName) implements VariableContainer {
    }
}
