package dev.pyprobe.server.cli;

import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe bench-tasks}: the cost of listing a process's asyncio tasks, per interpreter.
 * Prints figures; asserts nothing (the machines are shared and noisy).
 */
@Command(name = "bench-tasks", description = "Measure the time and memory reads of listing many asyncio tasks.")
final class TaskBenchCommand implements Callable<Integer> {
    @Option(names = "--python", description = "interpreter(s) to measure (default: every pyenv version and "
            + InstalledInterpreters.SYSTEM + " on PATH)")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--tasks", defaultValue = "10000", description = "tasks in the target (default: ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--reads", defaultValue = "5", description = "listings per interpreter (default: ${DEFAULT-VALUE})")
    int reads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> interpreters = pythons.isEmpty() ? installedInterpreters() : pythons;
        out.println("first: pyprobe's first listing (cold caches and JIT, in a running JVM); next: the mean of the");
        out.println("next ones; peer: `python -m asyncio pstree PID` from start to exit, where the build has it.");
        out.printf("%-40s %8s %8s %12s %12s %14s %12s %10s %8s%n", "interpreter", "python", "tasks", "first (ms)",
                "next (ms)", "syscalls/task", "consistent", "peer (ms)", "first/peer");
        for (String python : interpreters) {
            try (BundledScript script = BundledScript.start(python, "/dev/pyprobe/server/cli/bench_tasks.py",
                    "BENCH-READY", Integer.toString(tasks));
                 PythonTarget target = PythonTargets.attach(script.pid())) {
                measure(python, target, script.readLine(), out);
            } catch (RuntimeException e) {
                out.printf("%-40s %s%n", python, e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    /** Every pyenv version and the system's python3.N builds (those whose tasks are not read say so). */
    private static List<String> installedInterpreters() {
        InstalledInterpreters installed = InstalledInterpreters.onThisMachine();
        return Stream.concat(installed.pyenv().stream(), installed.system().stream()).map(Path::toString).toList();
    }

    private void measure(String python, PythonTarget target, String executable, PrintWriter out) {
        RemoteMemory memory = target.process().memory();
        long t0 = System.nanoTime();
        List<AsyncTask> first = target.tasks();
        long firstNanos = System.nanoTime() - t0;
        long calls0 = memory.syscalls();
        long t1 = System.nanoTime();
        List<AsyncTask> last = first;
        for (int i = 0; i < reads; i++) {
            last = target.tasks();
        }
        long perListing = (System.nanoTime() - t1) / Math.max(1, reads);
        double syscallsPerTask = (double) (memory.syscalls() - calls0) / Math.max(1, reads) / Math.max(1, last.size());
        long consistent = last.stream().filter(AsyncTask::consistent).count();
        // Whether the build has pstree (3.14+) is for it to say: just try it.
        Optional<Long> peer = PeerTool.run(target.pid(), executable, List.of(),
                        ownPid -> List.of("-m", "asyncio", "pstree", Integer.toString(ownPid)))
                .filter(run -> run.output().contains(") task-0")) // the tree, not some other answer
                .map(PeerTool.Run::nanos);
        out.printf("%-40s %8s %8d %12.1f %12.1f %14.2f %12d %10s %8s%n", python, target.version(), last.size(),
                firstNanos / 1e6, perListing / 1e6, syscallsPerTask, consistent,
                peer.map(n -> String.format("%.1f", n / 1e6)).orElse("-"),
                peer.map(n -> String.format("x%.2f", (double) firstNanos / n)).orElse("-"));
    }
}
