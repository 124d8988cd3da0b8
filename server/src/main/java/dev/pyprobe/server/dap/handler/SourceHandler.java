package dev.pyprobe.server.dap.handler;

import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.state.SourceRegistry;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;

/** {@code source} (file text from the target's file system) and {@code loadedSources} ({@code sys.modules}). */
public final class SourceHandler {
    private final DebugSession session;

    public SourceHandler(DebugSession session) {
        this.session = session;
    }

    public SourceResponse source(SourceArguments args) {
        Source source = args.getSource();
        int reference = source != null && source.getSourceReference() != null && source.getSourceReference() > 0
                ? source.getSourceReference() : args.getSourceReference();
        String path = source == null ? null : source.getPath();
        SourceResponse response = new SourceResponse();
        response.setContent(session.attachment().sources().content(reference, path));
        response.setMimeType("text/x-python");
        return response;
    }

    public LoadedSourcesResponse loadedSources(LoadedSourcesArguments args) {
        SourceRegistry sources = session.attachment().sources();
        LoadedSourcesResponse response = new LoadedSourcesResponse();
        response.setSources(session.attachment().target().moduleFiles().stream()
                .map(sources::sourceFileOf).distinct().sorted().map(sources::describe).toArray(Source[]::new));
        return response;
    }
}
