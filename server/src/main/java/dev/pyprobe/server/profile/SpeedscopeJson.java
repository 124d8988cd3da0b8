package dev.pyprobe.server.profile;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.sampling.Profile;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * speedscope's file format (https://www.speedscope.app/file-format-schema.json): shared frames and
 * one "sampled" profile whose samples are the distinct stacks, root first, weighted by their counts.
 * A speedscope frame is a function (its views add up time per frame), so the frames of one
 * function at its different lines are one frame, at the function's first line.
 */
final class SpeedscopeJson implements ProfileWriter {
    private static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

    @Override
    public void write(Profile profile, RecordingInfo info, PrintWriter out) {
        Map<Function, Integer> index = new HashMap<>();
        JsonArray frames = new JsonArray();
        JsonArray samples = new JsonArray();
        JsonArray weights = new JsonArray();
        long total = 0;
        for (Profile.Stack stack : profile.stacks()) {
            JsonArray sample = new JsonArray();
            for (Profile.Frame f : stack.frames()) {
                sample.add(index.computeIfAbsent(new Function(f.function(), f.file(), f.firstLine()), function -> {
                    frames.add(function.toJson());
                    return frames.size() - 1;
                }));
            }
            samples.add(sample);
            weights.add(stack.count());
            total += stack.count();
        }
        JsonObject shared = new JsonObject();
        shared.add("frames", frames);
        JsonObject sampled = new JsonObject();
        sampled.addProperty("type", "sampled");
        sampled.addProperty("name", "process " + info.pid());
        sampled.addProperty("unit", "none");
        sampled.addProperty("startValue", 0);
        sampled.addProperty("endValue", total);
        sampled.add("samples", samples);
        sampled.add("weights", weights);
        JsonArray profiles = new JsonArray();
        profiles.add(sampled);
        JsonObject doc = new JsonObject();
        doc.addProperty("$schema", SCHEMA);
        doc.addProperty("name", info.title());
        doc.addProperty("exporter", "pyprobe");
        doc.addProperty("activeProfileIndex", 0);
        doc.add("shared", shared);
        doc.add("profiles", profiles);
        new GsonBuilder().disableHtmlEscaping().create().toJson(doc, out);
        out.println();
    }

    /** A function, or a thread root ({@code file} null). */
    private record Function(String name, String file, int firstLine) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("name", name);
            if (file != null) {
                o.addProperty("file", file);
                o.addProperty("line", firstLine);
            }
            return o;
        }
    }
}
