package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.trace.Mechanism;
import dev.pyprobe.reader.python.trace.TraceOptions;
import dev.pyprobe.reader.python.trace.Tracepoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe bench-trace}: what tracepoints cost the target, as ratios of call rates measured
 * in one run (traced over untraced), and how many hits per second reach pyprobe without loss.
 */
@Command(name = "bench-trace", description = "Measure the target's slowdown under tracepoints (USDT and watchpoints).")
final class TraceBenchCommand implements Callable<Integer> {
    @Option(names = "--python", description = "interpreter(s) (default: /usr/bin/python3.11 and pyenv 3.12.1)")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--seconds", defaultValue = "1.0", description = "length of each measured run (default: ${DEFAULT-VALUE})")
    double seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> interpreters = pythons.isEmpty()
                ? List.of("/usr/bin/python3.11", "/root/.pyenv/versions/3.12.1/bin/python") : pythons;
        out.println("Call rates of the target, traced over untraced (1.00 = no slowdown), each from one run:");
        for (String python : interpreters) {
            try (BundledScript script = BundledScript.start(python, "/dev/pyprobe/server/cli/bench_trace.py", "BENCH-READY");
                 PythonTarget target = PythonTargets.attach(script.pid())) {
                out.printf("%n%s (Python %s)%n", python, target.version());
                double hot = rate(script, "hot");
                double cold = rate(script, "cold");
                out.printf("  untraced: hot() %.0f calls/s, cold() %.0f calls/s%n", hot, cold);
                for (Mechanism mechanism : Mechanism.values()) {
                    measure(script, target, mechanism, hot, cold, out);
                }
                out.flush();
            }
        }
        return 0;
    }

    private void measure(BundledScript script, PythonTarget target, Mechanism mechanism, double hot, double cold,
                         PrintWriter out) {
        Tracepoint tp;
        try {
            tp = target.tracer().traceFunction("__main__:hot", TraceOptions.defaults().withMechanism(mechanism)
                    .withStreamHits(false).withCostBudget(TraceOptions.DEFAULT_COST_BUDGET, true), hit -> { });
        } catch (RuntimeException e) {
            out.printf("  %-10s not available: %s%n", mechanism.name().toLowerCase(), e.getMessage());
            return;
        }
        try {
            long before = tp.hits();
            double tracedHot = rate(script, "hot");
            target.tracer().drain();
            long hits = tp.hits() - before;
            double otherCold = rate(script, "cold");
            out.printf("  %-10s traced hot(): %.3f   untraced cold() while hot() is traced: %.3f%n",
                    mechanism.name().toLowerCase(), tracedHot / hot, otherCold / cold);
            out.printf("  %-10s hits delivered: %.0f/s (%d hits for %.0f calls, %d lost)%n", "",
                    hits / seconds, hits, tracedHot * seconds, tp.lost());
        } finally {
            tp.close();
        }
    }

    private double rate(BundledScript script, String function) {
        return Long.parseLong(script.ask(function + " " + seconds)) / seconds;
    }
}
