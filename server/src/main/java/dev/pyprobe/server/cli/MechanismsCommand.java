package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe mechanisms PID}: which tracing mechanisms can trace the process's functions on
 * this host and build, and why the others cannot (hardware breakpoints this host does not deliver,
 * a build without USDT probes...), one line each, in the order {@code trace} prefers them.
 */
@Command(name = "mechanisms",
        description = "Say which tracing mechanisms (usdt, watchpoint, uprobe) can trace PID here, and why the others cannot.")
final class MechanismsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PID", description = "process to look at")
    int pid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PythonTarget target = AttachedTarget.attach(pid, spec.commandLine().getErr())) {
            target.tracer().availability().forEach((mechanism, unavailable) -> out.printf("%-11s %s%n",
                    mechanism.label(), unavailable.map(why -> "unavailable: " + why).orElse("available")));
        }
        out.flush();
        return 0;
    }
}
