package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.reader.python.trace.Mechanism;
import dev.pyprobe.reader.python.trace.TraceOptions;
import dev.pyprobe.reader.python.trace.Tracepoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe bench-trace}: per tracing mechanism, what a tracepoint on {@code hot()} costs the
 * target (call rates of {@code hot()} and of the untraced {@code cold()}, traced over untraced) and
 * whether its count of {@code hot()} calls matches the target's own; on USDT builds, the same for
 * bpftrace counting {@code hot()} on the same process. Prints figures from one run; asserts nothing
 * (the machines are shared and noisy).
 */
@Command(name = "bench-trace", description = "Measure the target's slowdown under tracepoints, per mechanism and "
        + "against bpftrace, and whether the counts are exact.")
final class TraceBenchCommand implements Callable<Integer> {
    private static final String SCRIPT = "/dev/pyprobe/server/cli/bench_trace.py";
    private static final String PYENV_SERIES = "3.12";

    @Option(names = "--python", description = "interpreter(s) (default: " + InstalledInterpreters.SYSTEM
            + " on PATH and pyenv's newest " + PYENV_SERIES + ")")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--seconds", defaultValue = "1.0", description = "length of each measured run (default: ${DEFAULT-VALUE})")
    double seconds;

    @Spec
    CommandSpec spec;

    /** Calls per second of the traced and the untraced function. */
    private record Rates(double hot, double cold) {
        Rates over(Rates untraced) {
            return new Rates(hot / untraced.hot, cold / untraced.cold);
        }
    }

    /** One traced run: the call rates, and the tracer's count of the hot() calls the target made meanwhile. */
    private record Traced(Rates rates, long calls, long counted) {
        boolean exact() {
            return counted == calls;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Figures from one run on a shared machine, as ratios: calls/s traced over untraced (1.00 = no");
        out.println("slowdown) of hot() (traced) and cold() (not traced); 'count' compares the tracer's count of hot()");
        out.println("calls with the target's own.");
        for (String python : interpreters(out)) {
            try {
                bench(python, out);
            } catch (RuntimeException e) {
                out.printf("  failed: %s%n", e.getMessage());
            }
            out.flush();
        }
        return 0;
    }

    private void bench(String python, PrintWriter out) {
        try (BundledScript script = BundledScript.start(python, SCRIPT, "BENCH-READY");
             PythonTarget target = PythonTargets.attach(script.pid())) {
            out.printf("%n%s (Python %s)%n", python, target.version());
            Rates untraced = new Rates(rate(script, "hot"), rate(script, "cold"));
            out.printf("  untraced:   hot() %.0f calls/s, cold() %.0f calls/s%n", untraced.hot, untraced.cold);
            Map<Mechanism, Traced> results = new EnumMap<>(Mechanism.class);
            target.tracer().availability().forEach((mechanism, unavailable) -> {
                if (unavailable.isPresent()) {
                    out.printf("  %-11s not available: %s%n", mechanism.label(), unavailable.get());
                } else {
                    traceWithPyprobe(script, target, mechanism, untraced, out).ifPresent(t -> results.put(mechanism, t));
                }
            });
            Traced usdt = results.get(Mechanism.USDT);
            if (usdt == null) {
                out.printf("  %-11s not run: only where pyprobe traces with usdt%n", "bpftrace");
            } else {
                traceWithBpftrace(script, untraced, usdt, out);
            }
        }
    }

    private Optional<Traced> traceWithPyprobe(BundledScript script, PythonTarget target, Mechanism mechanism,
                                              Rates untraced, PrintWriter out) {
        Tracepoint tp;
        try {
            tp = target.tracer().traceFunction("__main__:hot", TraceOptions.defaults().withMechanism(mechanism)
                    .withStreamHits(false).withCostBudget(TraceOptions.DEFAULT_COST_BUDGET, true), hit -> { });
        } catch (RuntimeException e) {
            out.printf("  %-11s could not trace: %s%n", mechanism.label(), e.getMessage());
            return Optional.empty();
        }
        try {
            target.tracer().drain();
            long before = tp.hits();
            long calls = run(script, "hot");
            target.tracer().drain();
            long counted = tp.hits() - before;
            Traced traced = new Traced(new Rates(calls / seconds, rate(script, "cold")), calls, counted);
            print(mechanism.label(), traced, untraced, tp.lost() > 0 ? ", " + tp.lost() + " lost in delivery" : "", out);
            return Optional.of(traced);
        } finally {
            tp.close();
        }
    }

    private void traceWithBpftrace(BundledScript script, Rates untraced, Traced pyprobeUsdt, PrintWriter out) {
        if (!BpftraceCounter.installed()) {
            out.printf("  %-11s not run: not on PATH (scripts/install-deps installs it)%n", "bpftrace");
            return;
        }
        BpftraceCounter bpftrace;
        try {
            bpftrace = BpftraceCounter.attach(script.pid(), "hot");
        } catch (IllegalStateException e) {
            out.printf("  bpftrace could not attach: %s%n", e.getMessage());
            return;
        }
        Traced traced;
        try (bpftrace) {
            long calls = run(script, "hot");
            double cold = rate(script, "cold");
            traced = new Traced(new Rates(calls / seconds, cold), calls, bpftrace.stop());
        }
        print("bpftrace", traced, untraced, "", out);
        // A slowdown is untraced over traced, so pyprobe's over bpftrace's is bpftrace's rate over pyprobe's.
        out.printf("  %-11s pyprobe usdt slowdown / bpftrace slowdown: hot() %.2f, cold() %.2f (at most 1.00: "
                + "pyprobe costs no more)%n", "", traced.rates.hot / pyprobeUsdt.rates.hot,
                traced.rates.cold / pyprobeUsdt.rates.cold);
    }

    private void print(String label, Traced traced, Rates untraced, String note, PrintWriter out) {
        Rates ratio = traced.rates.over(untraced);
        out.printf("  %-11s hot() %.3f   cold() %.3f   count %s%s%n", label, ratio.hot, ratio.cold, countNote(traced),
                note);
    }

    private String countNote(Traced traced) {
        return traced.exact()
                ? String.format("exact (%d calls: %.0f calls/s counted exactly)", traced.calls, traced.rates.hot)
                : String.format("off by %d (%d counted of %d calls)", Math.abs(traced.counted - traced.calls),
                        traced.counted, traced.calls);
    }

    /** Calls the target made of {@code function} in one run of {@link #seconds}. */
    private long run(BundledScript script, String function) {
        return Long.parseLong(script.ask(function + " " + seconds));
    }

    private double rate(BundledScript script, String function) {
        return run(script, function) / seconds;
    }

    /** The interpreters asked for, else the defaults; those missing are named and skipped. */
    private List<String> interpreters(PrintWriter out) {
        List<String> candidates = new ArrayList<>(pythons);
        if (candidates.isEmpty()) {
            InstalledInterpreters installed = InstalledInterpreters.onThisMachine();
            List<Path> system = installed.system();
            if (system.isEmpty()) {
                out.printf("skipped %s: none on PATH%n", InstalledInterpreters.SYSTEM);
            }
            system.forEach(p -> candidates.add(p.toString()));
            installed.newestPyenv(PYENV_SERIES).ifPresentOrElse(p -> candidates.add(p.toString()),
                    () -> out.printf("skipped pyenv %s: no %s.N under %s%n", PYENV_SERIES, PYENV_SERIES,
                            installed.pyenvVersions()));
        }
        List<String> found = new ArrayList<>();
        for (String python : candidates) {
            if (Files.isExecutable(Path.of(python))) {
                found.add(python);
            } else {
                out.printf("skipped %s: not found%n", python);
            }
        }
        return found;
    }
}
