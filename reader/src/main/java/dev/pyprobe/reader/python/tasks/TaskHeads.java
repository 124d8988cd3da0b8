package dev.pyprobe.reader.python.tasks;

import java.util.List;

/** The interpreter states and thread states of the target as they are now: where 3.14+ heads its lists of tasks. */
public interface TaskHeads {
    List<Long> interpreters();

    List<Long> threads();
}
