package dev.pyprobe.server.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.AsyncTask;
import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.ThreadStack;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form other tools rely on:
 * {@code {"pid", "python", "threads": [{"tid", "namespace_tid", "name", "gil", "idle", "frames": [{"function", "file", "line", "locals"}]}]}}.
 * {@code tid} is the host's; {@code namespace_tid}, the id inside the target's own PID namespace,
 * is there only for a target in a container.
 */
final class JsonSnapshotPrinter implements SnapshotPrinter {
    @Override
    public void print(DumpRead read, PrintWriter out) {
        ProcessSnapshot snapshot = read.snapshot();
        JsonObject doc = new JsonObject();
        doc.addProperty("pid", snapshot.pid());
        doc.addProperty("python", snapshot.version().toString());
        JsonArray threads = new JsonArray();
        for (ThreadStack stack : snapshot.threads()) {
            JsonObject t = new JsonObject();
            t.addProperty("tid", stack.thread().nativeId());
            if (stack.thread().namespaceTid() != 0) {
                t.addProperty("namespace_tid", stack.thread().namespaceTid());
            }
            t.addProperty("ident", Long.toUnsignedString(stack.thread().ident()));
            t.addProperty("name", stack.thread().displayName());
            t.addProperty("gil", stack.thread().holdsGil());
            t.addProperty("idle", stack.thread().idle());
            t.addProperty("consistent", stack.consistent());
            JsonArray frames = new JsonArray();
            for (PythonFrame f : stack.frames()) {
                frames.add(frame(f, read.localsOf(f)));
            }
            t.add("frames", frames);
            threads.add(t);
        }
        doc.add("threads", threads);
        read.tasks().ifPresent(pending -> doc.add("tasks", tasks(pending)));
        out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(doc));
    }

    private static JsonArray tasks(List<AsyncTask> pending) {
        JsonArray out = new JsonArray();
        for (AsyncTask task : pending) {
            JsonObject t = new JsonObject();
            t.addProperty("id", task.id());
            t.addProperty("name", task.name());
            t.addProperty("loop", task.loop());
            t.addProperty("consistent", task.consistent());
            JsonArray frames = new JsonArray();
            task.frames().forEach(f -> frames.add(frame(f, Optional.empty())));
            t.add("frames", frames);
            JsonArray awaitedBy = new JsonArray();
            task.awaitedBy().forEach(awaitedBy::add);
            t.add("awaited_by", awaitedBy);
            out.add(t);
        }
        return out;
    }

    private static JsonObject frame(PythonFrame f, Optional<List<NamedValue>> locals) {
        JsonObject o = new JsonObject();
        o.addProperty("function", f.function());
        o.addProperty("file", f.file());
        o.addProperty("line", f.line());
        if (locals.isPresent()) {
            JsonArray vars = new JsonArray();
            for (NamedValue v : locals.get()) {
                JsonObject var = new JsonObject();
                var.addProperty("name", v.name());
                var.addProperty("type", v.value().typeName());
                var.addProperty("value", v.value().text());
                vars.add(var);
            }
            o.add("locals", vars);
        }
        return o;
    }
}
