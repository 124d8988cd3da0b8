package dev.pyprobe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pstree-shaped tree of {@code dump --tasks}, on task lists made up for each shape. */
class TaskTreeTest {

    private static PythonFrame frame(String function, int line) {
        return new PythonFrame(function, "app.py", line, line, 0, 0);
    }

    private static AsyncTask task(long id, String name, List<PythonFrame> frames, List<Long> awaitedBy) {
        return new AsyncTask(id, name, 0, frames, awaitedBy, true);
    }

    @Test
    void awaitedTasksHangUnderTheFrameThatWaitsAndASharedOneUnderEachWaiter() {
        List<AsyncTask> tasks = List.of(
                task(1, "main", List.of(frame("gather_all", 9), frame("main", 3)), List.of()),
                task(2, "producer", List.of(frame("produce", 20)), List.of(1L, 3L)),
                task(3, "consumer", List.of(frame("consume", 30)), List.of(1L)));
        assertThat(TaskTree.lines(tasks)).containsExactly(
                "└── (T) main",
                "    └──  main app.py:3",
                "        └──  gather_all app.py:9",
                "            ├── (T) producer",
                "            │   └──  produce app.py:20",
                "            └── (T) consumer",
                "                └──  consume app.py:30",
                "                    └── (T) producer",
                "                        └──  produce app.py:20");
    }

    @Test
    void tasksWaitingInACircleAreShownOnceAroundTheCircle() {
        List<AsyncTask> tasks = List.of(
                task(1, "a", List.of(frame("wait_b", 5)), List.of(2L)),
                task(2, "b", List.of(frame("wait_a", 6)), List.of(1L)));
        assertThat(TaskTree.lines(tasks)).containsExactly(
                "└── (T) a",
                "    └──  wait_b app.py:5",
                "        └── (T) b",
                "            └──  wait_a app.py:6",
                "                └── (T) a (waits for a task above: cycle)");
    }

    @Test
    void aTaskThatMovedWhileReadSaysSo() {
        AsyncTask moving = new AsyncTask(1, "busy", 0, List.of(frame("spin", 1)), List.of(), false);
        assertThat(TaskTree.lines(List.of(moving))).first().isEqualTo("└── (T) busy [changed while read]");
    }
}
