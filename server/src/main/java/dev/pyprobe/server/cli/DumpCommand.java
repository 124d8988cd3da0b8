package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.SnapshotOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pyprobe dump PID}: every thread with its stack, like py-spy dump, without stopping the process. */
@Command(name = "dump", description = "Print every Python thread of PID with its stack (innermost frame first).")
final class DumpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PID", description = "process to read")
    int pid;

    @Option(names = "--locals", description = "also print each frame's local variables")
    boolean locals;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--tasks", description = "also print every pending asyncio task as a tree of who awaits whom")
    boolean tasks;

    @Option(names = "--freeze", description = "stop the process (SIGSTOP) while reading stacks, locals and tasks, for a view of one moment")
    boolean freeze;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PythonTarget target = AttachedTarget.attach(pid, spec.commandLine().getErr())) {
            DumpRead read = DumpRead.of(target, SnapshotOptions.DEFAULT.withFreeze(freeze), locals, tasks);
            SnapshotPrinter printer = json ? new JsonSnapshotPrinter() : new TextSnapshotPrinter();
            printer.print(read, out);
            out.flush();
        }
        return 0;
    }
}
