package dev.pyprobe.server.dap.state;

import org.eclipse.lsp4j.debug.InitializeRequestArguments;

/**
 * What the client said of itself in its {@code initialize} arguments: how it counts lines and
 * columns (DAP default: from 1).
 */
public record ClientOptions(boolean linesStartAt1, boolean columnsStartAt1) {
    public static final ClientOptions DEFAULT = new ClientOptions(true, true);

    public static ClientOptions from(InitializeRequestArguments args) {
        if (args == null) {
            return DEFAULT;
        }
        return new ClientOptions(!Boolean.FALSE.equals(args.getLinesStartAt1()),
                !Boolean.FALSE.equals(args.getColumnsStartAt1()));
    }

    /** A Python line number (from 1; 0 for "no line") as the client counts. */
    public int line(int pythonLine) {
        return linesStartAt1 || pythonLine == 0 ? pythonLine : pythonLine - 1;
    }

    /** The first column of a line as the client counts. */
    public int firstColumn() {
        return columnsStartAt1 ? 1 : 0;
    }
}
