package dev.pyprobe.server.profile;

import dev.pyprobe.reader.python.sampling.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile by source line: the samples that were executing the line (self) and those with the
 * line anywhere on their stack (total, once per sample however deep the recursion). What an editor
 * shows beside the profiled code.
 */
public final class LineTable {
    /** One line of one file and its samples. */
    public record Line(String file, int line, long self, long total) {
    }

    private record Place(String file, int line) {
    }

    private LineTable() {
    }

    /** Every line that some sample passed through, in no particular order. */
    public static List<Line> of(Profile profile) {
        Map<Place, long[]> counts = new HashMap<>();
        for (Profile.Node child : profile.root().children()) {
            walk(child, new HashMap<>(), counts);
        }
        List<Line> lines = new ArrayList<>(counts.size());
        counts.forEach((p, c) -> lines.add(new Line(p.file(), p.line(), c[0], c[1])));
        return lines;
    }

    private static void walk(Profile.Node node, Map<Place, Integer> onPath, Map<Place, long[]> counts) {
        Profile.Frame frame = node.frame();
        Place place = frame.threadRoot() || frame.line() <= 0 ? null : new Place(frame.file(), frame.line());
        if (place != null) {
            long[] c = counts.computeIfAbsent(place, k -> new long[2]);
            c[0] += node.self();
            if (onPath.merge(place, 1, Integer::sum) == 1) {
                c[1] += node.total();
            }
        }
        for (Profile.Node child : node.children()) {
            walk(child, onPath, counts);
        }
        if (place != null) {
            onPath.merge(place, -1, Integer::sum);
        }
    }
}
