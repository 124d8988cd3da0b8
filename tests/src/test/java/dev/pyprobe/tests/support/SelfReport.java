package dev.pyprobe.tests.support;

import dev.pyprobe.reader.python.PythonVersion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the fixture programs print about themselves (see tests/fixtures/*.py), as records. */
public final class SelfReport {
    private SelfReport() {
    }

    /** The version as "3.12.1", from sys.version_info. */
    static String versionText(List<Integer> versionInfo) {
        return versionInfo.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    /** blocked_threads.py: every thread parked at a known place. */
    public record BlockedThreads(int pid, String version, List<Integer> versionInfo, String executable,
                                 int recursionDepth, String unicodeModuleFile, List<Thread> threads,
                                 List<String> moduleFiles, Globals globals, LocalsFrame localsFrame) {
        public PythonVersion pythonVersion() {
            return PythonVersion.parse(versionText(versionInfo));
        }

        /** The thread with this role: main, worker, sleeper, recursor or locals. */
        public Thread thread(String role) {
            return threads.stream().filter(t -> t.role().equals(role)).findFirst()
                    .orElseThrow(() -> new AssertionError("the self-report has no thread " + role));
        }

        public int threadCount() {
            return threads.size();
        }

        public Map<Long, Thread> threadsByIdent() {
            return threads.stream().collect(Collectors.toMap(Thread::ident, t -> t));
        }
    }

    /** busy.py: a blocked main thread and a spinning one. */
    public record Busy(int pid, String version, List<Integer> versionInfo, String file,
                       Map<String, List<Integer>> functions, List<Thread> threads) {
        public int threadCount() {
            return threads.size();
        }

        public Thread thread(String role) {
            return threads.stream().filter(t -> t.role().equals(role)).findFirst()
                    .orElseThrow(() -> new AssertionError("the self-report has no thread " + role));
        }
    }

    /** exiting.py: how many threads it runs before it exits. */
    public record Exiting(int pid, String version, int threads) {
    }

    /** async_tasks.py: the pending tasks of its event loop once they all sit still. */
    public record AsyncTasks(int pid, String version, List<Integer> versionInfo, String file, List<Task> tasks) {
    }

    /** async_busy.py: tasks that never rest, one sleeper, and the line range of each coroutine function. */
    public record AsyncBusy(int pid, String version, List<Integer> versionInfo, String file,
                            Map<String, List<Integer>> functions, Task sleeper) {
    }

    /**
     * A pending task as the program saw it.
     *
     * @param id        {@code id(task)}
     * @param frames    the cr_await chain from the task's coroutine, innermost first (line only, no first line)
     * @param awaitedBy ids of the tasks that wait for it, sorted
     */
    public record Task(long id, String name, List<Frame> frames, List<Long> awaitedBy) {
    }

    /**
     * A thread as the fixture saw it.
     *
     * @param ident    threading ident (pthread_t)
     * @param nativeId kernel TID, as the thread itself read it
     * @param frames   innermost first
     */
    public record Thread(String role, long ident, int nativeId, String name, List<Frame> frames) {
    }

    /** One frame: function is co_qualname on 3.11+, co_name before; line is f_lineno. */
    public record Frame(String function, String file, int line, int firstLine) {
    }

    /**
     * The fixture module's globals.
     *
     * @param names   every name in the module's dict
     * @param scalars a few of them with their values
     */
    public record Globals(List<String> names, List<Local> scalars) {
    }

    /** The frame of frame_with_locals and its locals, in f_locals order. */
    public record LocalsFrame(long threadIdent, String function, List<Local> locals) {
        public Map<String, Local> byName() {
            return locals.stream().collect(Collectors.toMap(Local::name, l -> l));
        }
    }

    /**
     * One local variable.
     *
     * @param type       type(value).__name__
     * @param repr       repr(value), complete
     * @param id         id(value): the object's address
     * @param len        len(value) for containers, else null
     * @param attributes sorted attribute names for instances of user classes, else null
     */
    public record Local(String name, String type, String repr, long id, Integer len, List<String> attributes) {
    }
}
