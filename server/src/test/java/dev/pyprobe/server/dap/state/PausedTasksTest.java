package dev.pyprobe.server.dap.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.PythonFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PausedTasksTest {
    private static final SnapshotValues VALUES = new SnapshotValues(null);

    private static AsyncTask task(long id, String name, Long... awaitedBy) {
        return new AsyncTask(id, name, 0x10, List.of(new PythonFrame(name + "_inner", "/a.py", 3, 2, id + 1, 0x30),
                new PythonFrame(name, "/a.py", 9, 8, id + 2, 0x30)), List.of(awaitedBy), true);
    }

    @Test
    void eachTaskIsAThreadNamedWithWhoItAwaitsAndWhoAwaitsIt() {
        List<AsyncTask> tasks = List.of(task(0x100, "main"), task(0x200, "gatherer", 0x100L),
                task(0x300, "a", 0x200L), task(0x400, "b", 0x200L), task(0x500, "c", 0x200L, 0x999L),
                task(0x600, "alone"));
        List<ShownThread> shown = PausedTasks.of(tasks, 1000, new ThreadIdMap(), VALUES).threads();
        assertThat(shown).extracting(ShownThread::name).containsExactly("task main (awaits gatherer)",
                "task gatherer (awaits 3 tasks; awaited by main)", "task a (awaited by gatherer)",
                "task b (awaited by gatherer)", "task c (awaited by gatherer, 0x999)", "task alone");
        assertThat(shown.get(0).stack()).extracting(e -> e.frame().function()).containsExactly("main_inner", "main");
        assertThat(shown).allMatch(t -> t.values() == VALUES)
                .allMatch(t -> t.onContinue() == ShownThread.OnContinue.DROP_PAUSE);
    }

    @Test
    void idsArePerTaskAcrossPausesAndNeverAThreadsAndOneEntryCountsTheTasksLeftOut() {
        ThreadIdMap ids = new ThreadIdMap();
        int thread = ids.idOf(0x100);
        List<AsyncTask> tasks = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            tasks.add(task(0x100L * i, "t" + i));
        }
        List<ShownThread> shown = PausedTasks.of(tasks, 3, ids, VALUES).threads();
        assertThat(shown).extracting(ShownThread::name)
                .containsExactly("task t1", "task t2", "task t3", "… 2 more tasks not shown (maxTasks 3)");
        assertThat(shown.get(3).stack()).isEmpty();
        assertThat(shown).extracting(ShownThread::id).doesNotContain(thread).doesNotHaveDuplicates();

        PausedTasks second = PausedTasks.of(tasks.subList(1, 5), 3, ids, VALUES);
        assertThat(second.threads().get(0).id()).as("t2 again").isEqualTo(shown.get(1).id());
        assertThat(second.threads().get(3).id()).as("the left-out entry").isEqualTo(shown.get(3).id());
        assertThat(PausedTasks.of(tasks.subList(0, 3), 3, ids, VALUES).threads()).extracting(ShownThread::name)
                .containsExactly("task t1", "task t2", "task t3");
    }
}
