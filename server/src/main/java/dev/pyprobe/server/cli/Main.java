package dev.pyprobe.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pyprobe} command line: one subcommand per way of serving. */
@Command(name = "pyprobe", mixinStandardHelpOptions = true, subcommands = {DapCommand.class},
        description = "Inspect a live CPython process by PID without changing it.")
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
