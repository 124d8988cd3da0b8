package dev.pyprobe.reader.python.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyprobe.reader.python.PythonFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call tree a profile folds samples into, whichever way a stack reaches it. */
class ProfileTest {
    private static final PythonFrame MAIN = new PythonFrame("main", "app.py", 10, 1, 0x1000, 0xa000);
    private static final PythonFrame WORK = new PythonFrame("work", "app.py", 20, 15, 0x1100, 0xb000);
    private static final PythonFrame WORK_LATER = new PythonFrame("work", "app.py", 21, 15, 0x1100, 0xb000);

    @Test
    void aStackRepeatedCountsAsOftenAsItWasAddedAndAnotherStackBranchesOff() {
        Profile profile = new Profile(true);
        profile.add("T", List.of(WORK, MAIN));
        profile.add("T", List.of(WORK, MAIN)); // the same stack again: the thread's last
        profile.add("T", List.of(WORK_LATER, MAIN));
        profile.add("U", List.of(WORK, MAIN)); // another thread with the first stack
        profile.add("T", List.of(WORK, MAIN)); // back to the first one

        assertThat(profile.samples()).isEqualTo(5);
        assertThat(profile.stacks()).extracting(s -> describe(s), Profile.Stack::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("T;main:10;work:20", 3L),
                org.assertj.core.groups.Tuple.tuple("T;main:10;work:21", 1L),
                org.assertj.core.groups.Tuple.tuple("U;main:10;work:20", 1L));
        Profile.Node t = profile.root().children().iterator().next();
        Profile.Node main = t.children().iterator().next();
        assertThat(t.total()).isEqualTo(4);
        assertThat(main.total()).isEqualTo(4);
        assertThat(main.self()).isZero();
    }

    private static String describe(Profile.Stack stack) {
        return String.join(";", stack.frames().stream()
                .map(f -> f.threadRoot() ? f.function() : f.function() + ":" + f.line()).toList());
    }
}
