package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.sampling.Profile;
import dev.pyprobe.reader.python.sampling.SampleMode;
import dev.pyprobe.reader.python.sampling.Sampler;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.reader.python.sampling.SamplingStats;
import dev.pyprobe.server.profile.FunctionTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pyprobe top PID}: a live table of the functions PID spends its samples in, refreshed every
 * second. Keys: o, t, n sort by own share, total share or name; a switches between the last
 * interval and everything since the start; q quits. Without a terminal (a pipe) it prints one
 * plain table per refresh.
 */
@Command(name = "top", description = "Show live which functions of PID its samples are in, like top.")
final class TopCommand implements Callable<Integer> {
    private static final String CLEAR = "\033[H\033[2J";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";

    @Parameters(index = "0", paramLabel = "PID", description = "process to watch")
    int pid;

    @Option(names = "--rate", paramLabel = "HZ", description = "samples per second (default: 100)")
    double rate = SamplingOptions.DEFAULT_RATE_HZ;

    @Option(names = "--mode", paramLabel = "MODE", description = "wall, cpu or gil, as for record (default: wall)")
    String mode = "wall";

    @Option(names = "--idle", description = "also sample threads blocked in the kernel (wall mode)")
    boolean idle;

    @Option(names = "--refresh", paramLabel = "S", description = "seconds between refreshes (default: 1)")
    double refresh = 1;

    @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds (default: until q or Ctrl-C)")
    Double duration;

    @Option(names = "--rows", paramLabel = "N", description = "functions shown (default: 25)")
    int rows = 25;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SamplingOptions options;
        try {
            options = new SamplingOptions(rate, Enums.parse(SampleMode.class, mode, spec.commandLine(), "--mode"), idle,
                    SamplingOptions.DEFAULT_MAX_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!(refresh > 0)) {
            throw new ParameterException(spec.commandLine(), "--refresh must be above 0, not " + refresh);
        }
        PrintWriter out = spec.commandLine().getOut();
        Profile profile = new Profile(false);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<SamplingStats> lastStats = new AtomicReference<>(SamplingStats.none());
        try (PythonTarget target = AttachedTarget.attach(pid, spec.commandLine().getErr()); RawTerminal terminal = RawTerminal.open()) {
            Thread sampler = new Thread(() -> lastStats.set(new Sampler(target, options)
                    .record(profile, 0, stop::get, lastStats::set)), "pyprobe-top-sampler");
            sampler.setDaemon(true);
            sampler.start();
            View view = new View();
            FunctionTable previous = FunctionTable.of(profile);
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + (long) (duration * 1e9);
            long nextRefresh = System.nanoTime() + (long) (refresh * 1e9);
            if (terminal != null) {
                out.print(HIDE_CURSOR);
            }
            try {
                while (System.nanoTime() < end && target.isAlive() && !view.quit) {
                    if (terminal != null) {
                        for (int key = terminal.poll(); key >= 0; key = terminal.poll()) {
                            view.press((char) key);
                        }
                    }
                    if (System.nanoTime() < nextRefresh && !view.changed) {
                        Thread.sleep(20);
                        continue;
                    }
                    FunctionTable now;
                    synchronized (profile) {
                        now = FunctionTable.of(profile);
                    }
                    FunctionTable shown = view.cumulative ? now : now.since(previous);
                    if (System.nanoTime() >= nextRefresh) {
                        previous = now;
                        nextRefresh += (long) (refresh * 1e9);
                    }
                    print(out, terminal != null, target, shown, lastStats.get(), view);
                    view.changed = false;
                }
            } finally {
                stop.set(true);
                sampler.join(5_000);
                if (terminal != null) {
                    out.print(SHOW_CURSOR);
                    out.flush();
                }
            }
            if (!target.isAlive()) {
                spec.commandLine().getErr().printf("Process %d has exited.%n", pid);
            }
        }
        return 0;
    }

    private void print(PrintWriter out, boolean live, PythonTarget target, FunctionTable table, SamplingStats stats,
                       View view) {
        StringBuilder b = new StringBuilder();
        if (live) {
            b.append(CLEAR);
        }
        b.append(String.format("pyprobe top: process %d (Python %s), %s mode, %.0f Hz reached, %d samples, "
                        + "%d missed%n", pid, target.version(), mode, stats.rateHz(), stats.ticks(), stats.missedTicks()));
        b.append(String.format("%s, sorted by %s. Keys: o own, t total, n name, a %s, q quit%n%n",
                view.cumulative ? "since the start" : "last " + trim(refresh) + " s", view.order.name().toLowerCase(),
                view.cumulative ? "last interval" : "since the start"));
        b.append(String.format("%7s %7s  %s%n", "%Own", "%Total", "Function (file)"));
        long samples = Math.max(1, table.samples());
        List<FunctionTable.Row> shown = table.rows(view.order);
        for (FunctionTable.Row row : shown.subList(0, Math.min(rows, shown.size()))) {
            b.append(String.format("%6.1f%% %6.1f%%  %s (%s)%n", 100.0 * row.own() / samples,
                    100.0 * row.total() / samples, row.function().name(), row.function().file()));
        }
        if (!live) {
            b.append(System.lineSeparator());
        }
        out.print(b);
        out.flush();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** What the keys change. */
    private static final class View {
        FunctionTable.Order order = FunctionTable.Order.OWN;
        boolean cumulative;
        boolean quit;
        boolean changed;

        void press(char key) {
            switch (Character.toLowerCase(key)) {
                case 'o' -> order = FunctionTable.Order.OWN;
                case 't' -> order = FunctionTable.Order.TOTAL;
                case 'n' -> order = FunctionTable.Order.NAME;
                case 'a' -> cumulative = !cumulative;
                case 'q' -> quit = true;
                default -> {
                    return;
                }
            }
            changed = true;
        }
    }
}
