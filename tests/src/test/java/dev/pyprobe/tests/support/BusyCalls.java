package dev.pyprobe.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls busy.py makes, by the line that makes them: what a stack of its spinner must show
 * between a caller and its callee. A torn read puts a frame under a caller line that does not
 * call it, or under the wrong function.
 */
public final class BusyCalls {
    /** The calls busy.py makes: caller, the text of the calling line, callee. */
    private static final List<List<String>> CALLS = List.of(
            List.of("spin", "descend(depth)", "descend"),
            List.of("spin", "sum(generate(depth % 5))", "generate"),
            List.of("generate", "yield descend(i % 7)", "descend"),
            List.of("descend", "return leaf(3)", "leaf"),
            List.of("descend", "return descend(depth - 1) + 1", "descend"));

    private final String file;
    /** The function called from each "function:line" of busy.py. */
    private final Map<String, String> callees;

    private BusyCalls(String file, Map<String, String> callees) {
        this.file = file;
        this.callees = callees;
    }

    /** The calls as found in busy.py's source, at the lines its self-report gives each function. */
    public static BusyCalls of(SelfReport.Busy report) throws IOException {
        List<String> source = Files.readAllLines(Repository.fixture("busy.py"));
        Map<String, String> calls = new HashMap<>();
        for (List<String> call : CALLS) {
            List<Integer> range = report.functions().get(call.get(0));
            for (int line = range.get(0); line <= range.get(1); line++) {
                if (source.get(line - 1).trim().equals(call.get(1))) {
                    calls.put(call.get(0) + ":" + line, call.get(2));
                }
            }
        }
        assertThat(calls).as("calling lines found in busy.py").hasSize(CALLS.size());
        assertThat(Set.copyOf(calls.values())).containsExactlyInAnyOrder("descend", "generate", "leaf");
        return new BusyCalls(report.file(), calls);
    }

    /**
     * The calls of a stack (frames as function, file and line, outermost first) that busy.py does
     * not make, as "caller:line -> callee"; frames outside busy.py (threading's bootstrap) call
     * whatever they call.
     */
    public List<String> wrongCalls(List<Frame> outermostFirst) {
        List<String> wrong = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < outermostFirst.size(); i++) {
            Frame caller = outermostFirst.get(i);
            Frame callee = outermostFirst.get(i + 1);
            if (!caller.file().equals(file)) {
                continue;
            }
            String key = name(caller.function()) + ":" + caller.line();
            if (!name(callee.function()).equals(callees.get(key))) {
                wrong.add(key + " -> " + name(callee.function()));
            }
        }
        return wrong;
    }

    /** A frame as the check needs it. */
    public record Frame(String function, String file, int line) {
    }

    /** "descend" for "descend" and for a qualified name ending in it. */
    private static String name(String function) {
        return function.substring(function.lastIndexOf('.') + 1);
    }
}
