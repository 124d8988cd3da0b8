package dev.pyprobe.server.evaluate;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import java.util.List;
import java.util.Optional;

/**
 * The reads an expression needs: a frame's names, an object's attributes, a container's items.
 * Read from the target as it is now ({@link #live}), or kept for the length of a pause, so that
 * every view of a snapshot shows the same values.
 */
public interface ValueReads {

    /** @throws dev.pyprobe.reader.ReaderException when the locals cannot be read (the frame has returned) */
    List<NamedValue> locals(PythonFrame frame);

    List<NamedValue> globals(PythonFrame frame);

    Optional<PyValue> attribute(PyValue value, String name);

    Optional<PyValue> item(PyValue value, Expression.Key key);

    /** Every read goes to the target: for tracepoints, whose frames last only the moment of a hit. */
    static ValueReads live(PythonTarget target) {
        return new ValueReads() {
            @Override
            public List<NamedValue> locals(PythonFrame frame) {
                return target.locals(frame);
            }

            @Override
            public List<NamedValue> globals(PythonFrame frame) {
                return target.globals(frame);
            }

            @Override
            public Optional<PyValue> attribute(PyValue value, String name) {
                return target.attribute(value, name);
            }

            @Override
            public Optional<PyValue> item(PyValue value, Expression.Key key) {
                return target.item(value, key.literal());
            }
        };
    }
}
