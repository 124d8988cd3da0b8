package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.AsyncTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names asyncio tasks for the Call Stack: {@code task <name>}, then the tasks it waits for and
 * those that wait for it, e.g. {@code task gatherer (awaits gathered-1, gathered-2; awaited by
 * main)}. VS Code shows the whole name on one line, so past two tasks only their number is given.
 */
final class TaskLabels {
    /** Tasks named in a relation; more are counted. */
    private static final int NAMED = 2;

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, List<String>> awaits = new HashMap<>();

    /** @param all every task read at the pause, shown or not, so that relations to any of them are named */
    TaskLabels(List<AsyncTask> all) {
        for (AsyncTask t : all) {
            names.put(t.id(), t.name());
        }
        for (AsyncTask t : all) {
            for (long waiter : t.awaitedBy()) {
                awaits.computeIfAbsent(waiter, w -> new ArrayList<>()).add(t.name());
            }
        }
    }

    String of(AsyncTask task) {
        Map<String, List<String>> relations = new LinkedHashMap<>();
        relations.put("awaits", awaits.getOrDefault(task.id(), List.of()));
        relations.put("awaited by", task.awaitedBy().stream()
                .map(id -> names.getOrDefault(id, String.format("0x%x", id))).toList());
        List<String> parts = new ArrayList<>();
        relations.forEach((relation, tasks) -> {
            if (!tasks.isEmpty()) {
                parts.add(relation + " " + (tasks.size() <= NAMED ? String.join(", ", tasks) : tasks.size() + " tasks"));
            }
        });
        return "task " + task.name() + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
    }
}
