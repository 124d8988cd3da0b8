package dev.pyprobe.server.cli;

import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.wording.ThreadIds;
import dev.pyprobe.server.wording.ThreadStatus;
import java.io.PrintWriter;
import java.util.List;

/** The py-spy-like text form: a header per thread, then {@code function (file:line)} per frame. */
final class TextSnapshotPrinter implements SnapshotPrinter {
    @Override
    public void print(DumpRead read, PrintWriter out) {
        ProcessSnapshot snapshot = read.snapshot();
        out.printf("Process %d: Python %s%n", snapshot.pid(), snapshot.version());
        for (ThreadStack stack : snapshot.threads()) {
            PythonThread t = stack.thread();
            out.printf("%nThread %d (%s) \"%s\"%s%s%n", t.nativeId(), ThreadStatus.of(t), t.displayName(),
                    ThreadIds.inNamespace(t).map(id -> " (" + id + ")").orElse(""),
                    stack.consistent() ? "" : " [read while it ran: may mix moments]");
            for (PythonFrame f : stack.frames()) {
                out.printf("    %s (%s:%d)%n", f.function(), f.file(), f.line());
                read.localsOf(f).ifPresent(locals -> printLocals(locals, out));
            }
        }
        read.tasks().ifPresent(pending -> printTasks(pending, out));
    }

    private static void printTasks(List<AsyncTask> tasks, PrintWriter out) {
        out.printf("%nAsyncio tasks: %d pending%n", tasks.size());
        TaskTree.lines(tasks).forEach(out::println);
    }

    private static void printLocals(List<NamedValue> locals, PrintWriter out) {
        for (NamedValue v : locals) {
            out.printf("        %s = %s%n", v.name(), v.value().text());
        }
    }
}
