package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import java.util.List;

/**
 * What a {@code variablesReference} stands for, and the values it is read through: the current
 * pause's, or a breakpoint snapshot's own (each snapshot is another moment).
 */
public sealed interface VariableContainer {

    SnapshotValues reads();

    /** The local variables of a frame of the current snapshot. */
    record Locals(PythonFrame frame, SnapshotValues reads) implements VariableContainer {
    }

    /** Values read at a breakpoint hit while the process was stopped (the hitting frame's locals). */
    record Captured(List<NamedValue> values, SnapshotValues reads) implements VariableContainer {
        public Captured {
            values = List.copyOf(values);
        }
    }

    /** The globals of a frame's module. */
    record Globals(PythonFrame frame, SnapshotValues reads) implements VariableContainer {
    }

    /**
     * The items, entries or attributes of a value.
     *
     * @param evaluateName the expression that reaches the value, or null when there is none
     */
    record Children(PyValue value, String evaluateName, SnapshotValues reads) implements VariableContainer {
    }
}
