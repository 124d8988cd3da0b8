package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PyValue;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import dev.pyprobe.server.dap.state.FrameRef;
import dev.pyprobe.server.dap.state.Page;
import dev.pyprobe.server.dap.state.SnapshotValues;
import dev.pyprobe.server.dap.state.VariableContainer;
import dev.pyprobe.server.wording.FrameLocals;
import java.util.List;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopePresentationHint;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.VariablesResponse;

/**
 * {@code scopes} and {@code variables}: a frame's locals and globals, and the insides of values,
 * read through the values kept for the snapshot shown ({@link SnapshotValues}).
 */
public final class VariablesHandler {
    /** The most variables one response carries; containers larger than this are paged by the client. */
    static final int MAX_VARIABLES = 1000;

    private final DebugSession session;
    private final VariableFactory variables;

    public VariablesHandler(DebugSession session) {
        this.session = session;
        this.variables = new VariableFactory(session.containers());
    }

    public ScopesResponse scopes(ScopesArguments args) {
        FrameRef ref = frame(session, args.getFrameId());
        SnapshotValues reads = session.values(ref.threadId());
        Scope locals = new Scope();
        locals.setName("Locals");
        locals.setPresentationHint(ScopePresentationHint.LOCALS);
        VariableContainer localValues = session.attachment().breakpoints().captures().localsOf(ref.frame())
                .<VariableContainer>map(values -> new VariableContainer.Captured(values, reads))
                .orElseGet(() -> new VariableContainer.Locals(ref.frame(), reads));
        locals.setVariablesReference(session.containers().register(localValues));
        locals.setExpensive(false);
        Scope globals = new Scope();
        globals.setName("Globals");
        globals.setVariablesReference(session.containers().register(new VariableContainer.Globals(ref.frame(), reads)));
        // A module's globals include every import and function: not worth reading until asked for.
        globals.setExpensive(true);
        ScopesResponse response = new ScopesResponse();
        response.setScopes(new Scope[] {locals, globals});
        return response;
    }

    static FrameRef frame(DebugSession session, int frameId) {
        // Frames of breakpoint snapshots stay valid while the process runs, so look the handle up first.
        return session.frames().get(frameId).orElseGet(() -> {
            session.paused();
            throw new DapException(ErrorCode.STALE_REFERENCE, "Frame " + frameId + " does not belong to the "
                    + "current snapshot; pause again to read fresh frames.");
        });
    }

    public VariablesResponse variables(VariablesArguments args) {
        int ref = args.getVariablesReference();
        VariableContainer container = session.containers().get(ref).orElseGet(() -> {
            session.paused();
            throw new DapException(ErrorCode.STALE_REFERENCE, "Variable reference " + ref + " does not belong "
                    + "to the current snapshot; pause again to read fresh values.");
        });
        SnapshotValues reads = container.reads();
        List<Variable> result;
        if (container instanceof VariableContainer.Locals l) {
            result = named(FrameLocals.read(() -> reads.locals(l.frame())), reads, args);
        } else if (container instanceof VariableContainer.Captured c) {
            result = named(c.values(), reads, args);
        } else if (container instanceof VariableContainer.Globals g) {
            result = named(reads.globals(g.frame()), reads, args);
        } else {
            result = children((VariableContainer.Children) container, args);
        }
        VariablesResponse response = new VariablesResponse();
        response.setVariables(result.toArray(Variable[]::new));
        return response;
    }

    private List<Variable> named(List<NamedValue> values, SnapshotValues reads, VariablesArguments args) {
        if (args.getFilter() == VariablesArgumentsFilter.INDEXED) {
            return List.of();
        }
        Page page = Page.of(args.getStart(), args.getCount(), values.size(), MAX_VARIABLES);
        return page.of(values).stream().map(v -> variables.variable(v, v.name(), reads)).toList();
    }

    private List<Variable> children(VariableContainer.Children c, VariablesArguments args) {
        PyValue value = c.value();
        boolean indexed = VariableFactory.isIndexed(value);
        if (args.getFilter() != null && (args.getFilter() == VariablesArgumentsFilter.INDEXED) != indexed) {
            return List.of();
        }
        Page page = Page.of(args.getStart(), args.getCount(), value.childCount(), MAX_VARIABLES);
        if (page.count() == 0) {
            return List.of();
        }
        return c.reads().children(value, page.start(), page.count()).stream()
                .map(child -> variables.variable(child, VariableFactory.childExpression(c.evaluateName(), value,
                        child.name()), c.reads()))
                .toList();
    }
}
