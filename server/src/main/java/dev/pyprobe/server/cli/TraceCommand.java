package dev.pyprobe.server.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.trace.Mechanism;
import dev.pyprobe.reader.python.trace.TraceOptions;
import dev.pyprobe.reader.python.trace.Tracepoint;
import dev.pyprobe.reader.python.trace.Tracer;
import dev.pyprobe.server.tracing.HitFrames;
import dev.pyprobe.server.tracing.HitRuleException;
import dev.pyprobe.server.tracing.HitRules;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe trace PID}: tracepoints on functions and lines of a running process. Each hit is
 * seen by the kernel and printed; the process is never stopped.
 */
@Command(name = "trace", description = "Trace calls of functions and executions of lines of PID, without stopping it.")
final class TraceCommand implements Callable<Integer> {
    private static final int FINAL_REPORT_SECONDS = 10;

    @Parameters(index = "0", paramLabel = "PID", description = "process to trace")
    int pid;

    @Option(names = "--function", paramLabel = "NAME",
            description = "module:function, module:Class.method or a bare name (repeatable)")
    List<String> functions = new ArrayList<>();

    @Option(names = "--line", paramLabel = "FILE:LINE", description = "a line of a function (repeatable)")
    List<String> lines = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds (default: until Ctrl-C)")
    Double duration;

    @Option(names = "--count", description = "print hit counts per tracepoint at the end instead of each hit")
    boolean count;

    @Option(names = "--json", description = "print JSON: one object per hit, or the counts as one document")
    boolean json;

    @Option(names = "--mechanism", paramLabel = "M",
            description = "usdt, watchpoint or uprobe (default: usdt where the build has a working probe, else "
                    + "watchpoint where the host delivers hardware breakpoints, else uprobe)")
    String mechanism;

    @Option(names = "--max-cost", paramLabel = "PERCENT",
            description = "share of one CPU that tracing every Python call (usdt, uprobe) may cost the target, "
                    + "measured right after arming (default: 5)")
    double maxCostPercent = 100 * TraceOptions.DEFAULT_COST_BUDGET;

    @Option(names = "--accept-cost", description = "keep the tracepoints whatever they cost the target")
    boolean acceptCost;

    @Option(names = "--expire", paramLabel = "S", description = "remove each tracepoint after S seconds")
    Double expire;

    @Option(names = "--if", paramLabel = "EXPR",
            description = "only hits where EXPR holds in the hitting frame: one comparison of values read from memory, "
                    + "as DAP's condition (x > 3, name == 'abc', obj.attr is not None)")
    String condition;

    @Option(names = "--log", paramLabel = "MESSAGE",
            description = "print MESSAGE per hit, with {name}, {obj.attr} and {d['k']} read from the hitting frame "
                    + "(as DAP's logMessage)")
    String logMessage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (functions.isEmpty() && lines.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one --function or --line");
        }
        HitRules rules = rules();
        TraceOptions options = options(rules);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch end = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl-C runs this hook, and the JVM exits when it returns: keep it until the counts are out.
        Thread onInterrupt = new Thread(() -> {
            end.countDown();
            try {
                reported.await(FINAL_REPORT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (PythonTarget target = AttachedTarget.attach(pid, spec.commandLine().getErr())) {
            Tracer tracer = target.tracer();
            HitPrinter listener = new HitPrinter(out, spec.commandLine().getErr(), json, !count, rules,
                    new HitFrames(target));
            List<Tracepoint> tracepoints = new ArrayList<>();
            for (String f : functions) {
                tracepoints.add(tracer.traceFunction(f, options, listener));
            }
            for (String l : lines) {
                int colon = l.lastIndexOf(':');
                if (colon <= 0) {
                    throw new ParameterException(spec.commandLine(), "--line wants FILE:LINE, not " + l);
                }
                tracepoints.add(tracer.traceLine(l.substring(0, colon), parseLine(l.substring(colon + 1)), options,
                        listener));
            }
            spec.commandLine().getErr().printf("Tracing %d tracepoint(s) in process %d%s. Ctrl-C to end.%n%s",
                    tracepoints.size(), pid, count ? ", counting" : "", describe(tracepoints));
            waitForEnd(end, target);
            tracer.drain();
            if (count) {
                printCounts(tracepoints, listener, out);
            }
            out.flush();
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running, which is how we got here.
            }
        }
        return 0;
    }

    private int parseLine(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "not a line number: " + text);
        }
    }

    private void waitForEnd(CountDownLatch end, PythonTarget target) throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + (long) (duration * 1e9);
        while (System.nanoTime() < deadline && target.isAlive()) {
            if (end.await(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        if (!target.isAlive()) {
            spec.commandLine().getErr().printf("Process %d has exited.%n", pid);
        }
    }

    private HitRules rules() {
        try {
            return HitRules.parse(condition, null, logMessage);
        } catch (HitRuleException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Hits leave the kernel only when they are printed or a condition must be read in the process. */
    private TraceOptions options(HitRules rules) {
        TraceOptions o = TraceOptions.defaults().withStreamHits(!count || rules.condition() != null)
                .withCostBudget(maxCostPercent / 100, acceptCost);
        if (mechanism != null) {
            try {
                o = o.withMechanism(Mechanism.parse(mechanism));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (maxCostPercent <= 0 || maxCostPercent > 100) {
            throw new ParameterException(spec.commandLine(), "--max-cost wants a percentage above 0 and at most 100");
        }
        return expire == null ? o : o.withExpiry(Duration.ofMillis((long) (expire * 1000)));
    }

    /** One line per tracepoint: its mechanism, why others were passed over, and what it costs. */
    private static String describe(List<Tracepoint> tracepoints) {
        StringBuilder out = new StringBuilder();
        for (Tracepoint tp : tracepoints) {
            out.append("  ").append(tp.description()).append(" via ").append(tp.mechanismNote());
            if (!Double.isNaN(tp.projectedCost())) {
                out.append(String.format("; traps on every Python call: about %.1f%% of one CPU at the call rate "
                        + "measured now", 100 * tp.projectedCost()));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private void printCounts(List<Tracepoint> tracepoints, HitPrinter printer, PrintWriter out) {
        if (json) {
            JsonArray counts = new JsonArray();
            for (Tracepoint tp : tracepoints) {
                JsonObject o = new JsonObject();
                o.addProperty("tracepoint", tp.description());
                o.addProperty("mechanism", tp.mechanism().label());
                o.addProperty("hits", tp.hits());
                if (condition != null) {
                    o.addProperty("conditionTrue", printer.conditionTrue(tp));
                    o.addProperty("undecided", printer.undecided(tp));
                }
                o.addProperty("lost", tp.lost());
                o.addProperty("countedInKernel", tp.countedInKernel());
                counts.add(o);
            }
            JsonObject doc = new JsonObject();
            doc.addProperty("pid", pid);
            doc.add("tracepoints", counts);
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(doc));
        } else {
            for (Tracepoint tp : tracepoints) {
                String lost = tp.lost() == 0 ? "" : tp.countedInKernel()
                        ? " (" + tp.lost() + " streamed hits lost; the count is the kernel's, exact)"
                        : " (" + tp.lost() + " lost: the count is low)";
                String held = condition == null ? "" : String.format(", %d with the condition true%s",
                        printer.conditionTrue(tp), printer.undecided(tp) == 0 ? ""
                                : " (" + printer.undecided(tp) + " undecided)");
                out.printf("%-50s %12d hits via %s%s%s%n", tp.description(), tp.hits(), tp.mechanism().label(), held,
                        lost);
            }
        }
    }
}
