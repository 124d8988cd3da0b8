package dev.pyprobe.server.dap.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonThread;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThreadChangesTest {

    private static PythonThread thread(long ident) {
        return new PythonThread(ident, 0, 0, null, false, true, 0, 0);
    }

    @Test
    void reportsNewAndVanishedIdents() {
        ThreadChanges changes = ThreadChanges.between(Set.of(1L, 2L, 3L), List.of(thread(2), thread(4), thread(3)));
        assertThat(changes.started()).extracting(PythonThread::ident).containsExactly(4L);
        assertThat(changes.exited()).containsExactly(1L);
    }

    @Test
    void anUnchangedListIsNoChange() {
        ThreadChanges changes = ThreadChanges.between(Set.of(7L), List.of(thread(7)));
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void aThreadListedTwiceStartsOnce() {
        ThreadChanges changes = ThreadChanges.between(Set.of(), List.of(thread(5), thread(5)));
        assertThat(changes.started()).hasSize(1);
    }
}
