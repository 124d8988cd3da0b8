package dev.pyprobe.reader.probe;

import dev.pyprobe.reader.testing.SuitePythons;

import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.watch.WatchKind;
import dev.pyprobe.reader.probe.watch.Watchpoint;
import dev.pyprobe.reader.probe.watch.Watchpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prints calls per second of a hot Python function without and with a hardware watchpoint on
 * its first instruction, in one run of one process, and their ratio. No assertions: figures only.
 *
 * <p>Usage: {@code WatchpointBenchmark [python] [calls]}, default pyenv 3.11.7 and 200000 calls.
 */
public final class WatchpointBenchmark {
    private static final int RUNS = 3;

    private WatchpointBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String python = args.length > 0 ? args[0] : SuitePythons.pyenv("3.11.7");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path dir = Files.createTempDirectory("pyprobe-bench");
        try (Fixture target = PythonFixture.start(python, dir);
                EventLoop loop = new EventLoop("bench", Duration.ofMillis(20));
                Watchpoints watchpoints = new Watchpoints(target.pid(), loop)) {
            long address = PythonFixture.firstInstruction(target.expect("ready"));
            hot(target, calls); // warm up: quickening, caches
            double bare = bestOf(target, calls);
            Watchpoint w = watchpoints.watch(address, 2, WatchKind.READ_WRITE, (wp, tid, t, ip) -> { });
            double watched = bestOf(target, calls);
            loop.drainNow();
            System.out.printf("python            %s%n", python);
            System.out.printf("calls per run     %d (best of %d runs each)%n", calls, RUNS);
            System.out.printf("no watchpoint     %,.0f calls/s (%.0f ns/call)%n", calls / bare, 1e9 * bare / calls);
            System.out.printf("with watchpoint   %,.0f calls/s (%.0f ns/call)%n", calls / watched, 1e9 * watched / calls);
            System.out.printf("ratio             %.2fx slower%n", watched / bare);
            System.out.printf("hits              %d counted by the kernel, %d delivered as samples, %d samples lost%n",
                    w.hits(), w.delivered(), w.lost());
            System.out.printf("throttled         %d times (kernel.perf_event_max_sample_rate=%s)%n", w.throttled(),
                    Files.readString(Path.of("/proc/sys/kernel/perf_event_max_sample_rate")).trim());
            w.close();
        }
    }

    /** The fastest of a few runs: this machine has 2 cores, and the JVM's own threads share them. */
    private static double bestOf(Fixture target, int calls) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            best = Math.min(best, hot(target, calls));
        }
        return best;
    }

    /** Seconds the target took for {@code calls} unpaced calls, as it measured them itself. */
    private static double hot(Fixture target, int calls) throws Exception {
        target.send("hot " + calls);
        return Double.parseDouble(target.expect("hot ").split(" ")[2]);
    }
}
