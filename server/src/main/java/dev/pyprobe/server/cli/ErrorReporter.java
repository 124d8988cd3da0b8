package dev.pyprobe.server.cli;

import dev.pyprobe.reader.ReaderException;
import picocli.CommandLine;

/** Turns a failure into one clear line on stderr and a non-zero exit code, never a stack trace for known errors. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_TARGET = 2;
    static final int EXIT_INTERNAL = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof ReaderException) {
            cli.getErr().println("pyprobe: " + e.getMessage());
            return EXIT_TARGET;
        }
        cli.getErr().println("pyprobe: internal error: " + e);
        e.printStackTrace(cli.getErr());
        return EXIT_INTERNAL;
    }
}
