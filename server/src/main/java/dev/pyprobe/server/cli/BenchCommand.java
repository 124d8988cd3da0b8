package dev.pyprobe.server.cli;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.reader.python.ThreadStack;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe bench}: the cost of attaching and of reading one stack, per interpreter. Prints
 * figures; asserts nothing (the machines are shared and noisy).
 */
@Command(name = "bench", description = "Measure attach time and the cost of reading a stack (syscalls and microseconds).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--python", description = "interpreter(s) to measure (default: every pyenv version and "
            + InstalledInterpreters.SYSTEM + " on PATH)")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--depth", defaultValue = "50", description = "depth of the measured stack (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--reads", defaultValue = "2000", description = "stack reads per interpreter (default: ${DEFAULT-VALUE})")
    int reads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> interpreters = pythons.isEmpty() ? InstalledInterpreters.find(out) : pythons;
        out.printf("%-40s %8s %12s %7s %12s %15s %10s %12s%n", "interpreter", "python", "attach+dump", "frames",
                "first read", "syscalls/stack", "us/stack", "us/snapshot");
        for (String python : interpreters) {
            try (BundledScript script = BundledScript.start(python, "/dev/pyprobe/server/cli/bench.py", "BENCH-READY",
                    Integer.toString(depth))) {
                measure(python, script.pid(), out);
            }
            out.flush();
        }
        return 0;
    }

    private void measure(String python, int pid, PrintWriter out) {
        long t0 = System.nanoTime();
        try (PythonTarget target = PythonTargets.attach(pid)) {
            long attachCalls = target.process().memory().syscalls();
            ProcessSnapshot first = target.snapshot(SnapshotOptions.DEFAULT);
            long attachNanos = System.nanoTime() - t0;
            long firstCalls = target.process().memory().syscalls() - attachCalls;
            ThreadStack deepest = first.threads().stream()
                    .max(Comparator.comparingInt(t -> t.frames().size())).orElseThrow();
            RemoteMemory memory = target.process().memory();
            long calls0 = memory.syscalls();
            long t1 = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                target.stack(deepest.thread(), SnapshotOptions.DEFAULT.maxDepth());
            }
            long perStack = (System.nanoTime() - t1) / reads;
            double syscalls = (double) (memory.syscalls() - calls0) / reads;
            long t2 = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                target.snapshot(SnapshotOptions.DEFAULT);
            }
            long perSnapshot = (System.nanoTime() - t2) / reads;
            out.printf("%-40s %8s %10.1fms %7d %12d %15.1f %10.1f %12.1f%n", python, target.version(), attachNanos / 1e6,
                    deepest.frames().size(), firstCalls, syscalls, perStack / 1e3, perSnapshot / 1e3);
        }
    }

    /** Every pyenv version and the system's python3.N builds; a kind not installed is named and skipped. */
}
