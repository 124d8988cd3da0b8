package dev.pyprobe.server.cli;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.SnapshotOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
    @Option(names = "--python", description = "interpreter(s) to measure (default: every pyenv version and /usr/bin/python3.11)")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--depth", defaultValue = "50", description = "depth of the measured stack (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--reads", defaultValue = "2000", description = "stack reads per interpreter (default: ${DEFAULT-VALUE})")
    int reads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> interpreters = pythons.isEmpty() ? installedInterpreters() : pythons;
        out.printf("%-36s %8s %12s %14s %14s %12s%n", "interpreter", "python", "attach+dump", "syscalls/stack",
                "us/stack", "frames");
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
            ProcessSnapshot first = target.snapshot(SnapshotOptions.DEFAULT);
            long attachNanos = System.nanoTime() - t0;
            RemoteMemory memory = target.process().memory();
            long calls0 = memory.syscalls();
            long t1 = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                target.snapshot(SnapshotOptions.DEFAULT);
            }
            long perRead = (System.nanoTime() - t1) / reads;
            double syscalls = (double) (memory.syscalls() - calls0) / reads;
            int frames = first.threads().stream().mapToInt(t -> t.frames().size()).max().orElse(0);
            out.printf("%-36s %8s %10.1fms %14.1f %14.1f %12d%n", python, target.version(), attachNanos / 1e6, syscalls,
                    perRead / 1e3, frames);
        }
    }

    private static List<String> installedInterpreters() throws IOException {
        List<String> found = new ArrayList<>();
        Path versions = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> s = Files.list(versions)) {
                s.sorted().forEach(v -> {
                    Path bin = v.resolve("bin/python");
                    if (Files.isExecutable(bin)) {
                        found.add(bin.toString());
                    }
                });
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/python3.11"))) {
            found.add("/usr/bin/python3.11");
        }
        return found;
    }
}
