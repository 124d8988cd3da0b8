package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.SnapshotOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pyprobe demo}: start the bundled demo program and show what pyprobe sees in it. */
@Command(name = "demo", description = "Start a bundled demo Python program and dump its threads, stacks and locals.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--python", description = "interpreter to run the demo with (default: python3 on PATH)",
            defaultValue = "python3")
    String python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (BundledScript demo = BundledScript.start(python, "/dev/pyprobe/server/cli/demo.py", "DEMO-READY");
             PythonTarget target = PythonTargets.attach(demo.pid())) {
            out.printf("Started the demo program (%s, PID %d). This is what pyprobe reads from it, "
                    + "without stopping or changing it:%n%n", python, demo.pid());
            new TextSnapshotPrinter().print(DumpRead.of(target, SnapshotOptions.DEFAULT, true, false), out);
            out.printf("%nRead any Python process the same way: ./pyprobe dump PID [--locals] [--json]%n");
            out.flush();
        }
        return 0;
    }
}
