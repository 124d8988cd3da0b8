package dev.pyprobe.server.dap.protocol;

import org.eclipse.lsp4j.debug.Message;

/** The body of a DAP error response: {@code {"error": Message}}. LSP4J has no type for it. */
public record ErrorBody(Message error) {
}
