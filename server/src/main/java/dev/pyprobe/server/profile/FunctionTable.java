package dev.pyprobe.server.profile;

import dev.pyprobe.reader.python.sampling.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A profile by function: how many samples ended in each function (own) and how many had it
 * anywhere on the stack (total; a recursive function counts once per sample). What
 * {@code pyprobe top} shows.
 */
public final class FunctionTable {
    /** A function, by name and file: its lines are added together. */
    public record Function(String name, String file) {
    }

    /** One row. */
    public record Row(Function function, long own, long total) {
        Row minus(Row earlier) {
            return earlier == null ? this : new Row(function, own - earlier.own, total - earlier.total);
        }
    }

    /** How rows are ordered. */
    public enum Order {
        OWN(Comparator.comparingLong(Row::own).reversed().thenComparing(Comparator.comparingLong(Row::total).reversed())),
        TOTAL(Comparator.comparingLong(Row::total).reversed().thenComparing(Comparator.comparingLong(Row::own).reversed())),
        NAME(Comparator.comparing((Row r) -> r.function().name()).thenComparing(r -> r.function().file()));

        private final Comparator<Row> comparator;

        Order(Comparator<Row> comparator) {
            this.comparator = comparator;
        }
    }

    private final Map<Function, Row> rows;
    private final long samples;

    private FunctionTable(Map<Function, Row> rows, long samples) {
        this.rows = rows;
        this.samples = samples;
    }

    /** Folds the call tree (read it under the profile's lock while a sampler fills it). */
    public static FunctionTable of(Profile profile) {
        Map<Function, long[]> counts = new HashMap<>();
        for (Profile.Node child : profile.root().children()) {
            walk(child, new HashMap<>(), counts);
        }
        Map<Function, Row> rows = new HashMap<>();
        counts.forEach((f, c) -> rows.put(f, new Row(f, c[0], c[1])));
        return new FunctionTable(rows, profile.samples());
    }

    private static void walk(Profile.Node node, Map<Function, Integer> onPath, Map<Function, long[]> counts) {
        Profile.Frame frame = node.frame();
        Function f = frame.threadRoot() ? null : new Function(frame.function(), frame.file());
        if (f != null) {
            long[] c = counts.computeIfAbsent(f, k -> new long[2]);
            c[0] += node.self();
            if (onPath.merge(f, 1, Integer::sum) == 1) {
                c[1] += node.total();
            }
        }
        for (Profile.Node child : node.children()) {
            walk(child, onPath, counts);
        }
        if (f != null) {
            onPath.merge(f, -1, Integer::sum);
        }
    }

    /** What changed since {@code earlier}: the samples of the last interval only. */
    public FunctionTable since(FunctionTable earlier) {
        Map<Function, Row> diff = new HashMap<>();
        rows.forEach((f, r) -> {
            Row d = r.minus(earlier.rows.get(f));
            if (d.own() > 0 || d.total() > 0) {
                diff.put(f, d);
            }
        });
        return new FunctionTable(diff, samples - earlier.samples);
    }

    public long samples() {
        return samples;
    }

    public List<Row> rows(Order order) {
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(order.comparator);
        return sorted;
    }

    /** Functions seen (for tests and summaries). */
    public Set<Function> functions() {
        return new HashSet<>(rows.keySet());
    }
}
