package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.server.evaluate.ExpressionException;
import dev.pyprobe.server.evaluate.ExpressionParser;
import dev.pyprobe.server.dap.state.HandleTable;
import dev.pyprobe.server.dap.state.SnapshotValues;
import dev.pyprobe.server.dap.state.VariableContainer;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.Variable;

/**
 * Turns values read from the target into DAP variables: expandable values get a
 * {@code variablesReference}, objects a {@code memoryReference} (their address, for readMemory),
 * and each variable the expression that reaches it when there is one evaluate accepts.
 */
final class VariableFactory {
    /** Values whose children are a sequence the client may page in chunks. */
    private static final Set<PyValue.Kind> INDEXED = EnumSet.of(PyValue.Kind.LIST, PyValue.Kind.TUPLE,
            PyValue.Kind.SET, PyValue.Kind.DICT);

    private final HandleTable<VariableContainer> containers;

    VariableFactory(HandleTable<VariableContainer> containers) {
        this.containers = containers;
    }

    /** @param reads the values the variable's children are read through */
    Variable variable(NamedValue named, String evaluateName, SnapshotValues reads) {
        PyValue value = named.value();
        Variable v = new Variable();
        v.setName(named.name());
        v.setValue(value.text());
        v.setType(value.typeName());
        v.setEvaluateName(evaluateName);
        v.setMemoryReference(memoryReference(value));
        v.setVariablesReference(reference(value, evaluateName, reads));
        if (value.expandable()) {
            if (isIndexed(value)) {
                v.setIndexedVariables(value.childCount());
            } else {
                v.setNamedVariables(value.childCount());
            }
        }
        return v;
    }

    EvaluateResponse evaluateResponse(PyValue value, String expression, SnapshotValues reads) {
        EvaluateResponse r = new EvaluateResponse();
        r.setResult(value.text());
        r.setType(value.typeName());
        r.setMemoryReference(memoryReference(value));
        r.setVariablesReference(reference(value, expression, reads));
        if (value.expandable()) {
            if (isIndexed(value)) {
                r.setIndexedVariables(value.childCount());
            } else {
                r.setNamedVariables(value.childCount());
            }
        }
        return r;
    }

    private int reference(PyValue value, String evaluateName, SnapshotValues reads) {
        return value.expandable() ? containers.register(new VariableContainer.Children(value, evaluateName, reads)) : 0;
    }

    static String memoryReference(PyValue value) {
        return value.address() == 0 ? null : "0x" + Long.toHexString(value.address());
    }

    static boolean isIndexed(PyValue value) {
        return INDEXED.contains(value.kind());
    }

    /**
     * The expression for a child, e.g. {@code parent[3]}, {@code parent['k']}, {@code parent.attr}; null
     * when the child cannot be reached by an expression evaluate accepts (set members, odd keys).
     */
    static String childExpression(String parent, PyValue container, String childName) {
        if (parent == null || container.kind() == PyValue.Kind.SET) {
            return null;
        }
        String candidate;
        if (container.kind() == PyValue.Kind.OBJECT) {
            candidate = parent + "." + childName;
        } else if (childName.startsWith("[")) {
            // Sequence items come named "[3]", dict entries by their key's repr.
            candidate = parent + childName;
        } else {
            candidate = parent + "[" + childName + "]";
        }
        try {
            return ExpressionParser.parse(candidate).toString();
        } catch (ExpressionException e) {
            return null;
        }
    }
}
