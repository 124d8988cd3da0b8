package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.python.AsyncTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The asyncio tasks read with a pause, as threads of their own: each pending task's coroutine
 * frames (innermost first) read through the pause's values, under an id kept per task for the
 * session. At most {@code max} are shown; one more entry, without a stack, counts the rest.
 */
public final class PausedTasks {
    public static final PausedTasks NONE = new PausedTasks(List.of());

    private final List<ShownThread> threads;

    private PausedTasks(List<ShownThread> threads) {
        this.threads = List.copyOf(threads);
    }

    /**
     * @param tasks  every pending task, in the reader's order: the first {@code max} are shown
     * @param values the pause's values, which the tasks' frames are read through
     */
    public static PausedTasks of(List<AsyncTask> tasks, int max, ThreadIdMap ids, SnapshotValues values) {
        TaskLabels labels = new TaskLabels(tasks);
        List<ShownThread> threads = new ArrayList<>();
        for (AsyncTask task : tasks.subList(0, Math.min(max, tasks.size()))) {
            List<StackEntry> stack = task.frames().stream().map(f -> StackEntry.frame(f, task.consistent())).toList();
            threads.add(new PausedThread(ids.idOfTask(task.id()), labels.of(task), stack, values));
        }
        int leftOut = Math.max(0, tasks.size() - max);
        if (leftOut > 0) {
            threads.add(new PausedThread(ids.idOfTasksLeftOut(), leftOutText(leftOut, max), List.of(), values));
        }
        return new PausedTasks(threads);
    }

    /** What the entry after the shown tasks says. */
    private static String leftOutText(int leftOut, int max) {
        return "… " + leftOut + " more task" + (leftOut == 1 ? "" : "s") + " not shown (maxTasks " + max + ")";
    }

    /** The tasks' threads, then the entry that counts those left out, if any. */
    public List<ShownThread> threads() {
        return threads;
    }
}
