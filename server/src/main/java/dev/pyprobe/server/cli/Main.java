package dev.pyprobe.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pyprobe} command line: one subcommand per job. */
@Command(name = "pyprobe", mixinStandardHelpOptions = true, version = "pyprobe 0.1.0",
        description = "Attach to a live CPython process by PID without changing it.",
        subcommands = {DumpCommand.class, TraceCommand.class, MechanismsCommand.class, RecordCommand.class, TopCommand.class, DapCommand.class,
                ServeCommand.class, DemoCommand.class, BenchCommand.class, TraceBenchCommand.class,
                SampleBenchCommand.class, TaskBenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        if (args.length == 0) {
            // With nothing to attach to, show what pyprobe does on a program of its own.
            args = new String[] {"demo"};
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        return cli.execute(args);
    }
}
