package dev.pyprobe.server.profile;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.sampling.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One self-contained HTML file: the call tree as JSON and a small script that draws it as a flame
 * graph (or an icicle), zooms on click, and searches by regular expression. Nothing is loaded
 * from the network, so it opens offline and in a VS Code webview, where a click on a frame also
 * asks the editor to open its line.
 */
final class FlamegraphHtml implements ProfileWriter {
    private static final String TEMPLATE = template();
    /** Gson escapes <, > and & by default: the data cannot close the script element holding it. */
    private static final Gson HTML_SAFE = new Gson();

    @Override
    public void write(Profile profile, RecordingInfo info, PrintWriter out) {
        Map<String, Integer> names = new HashMap<>();
        JsonArray nameList = new JsonArray();
        JsonObject doc = new JsonObject();
        doc.addProperty("title", info.title());
        JsonObject root = node(profile.root(), names, nameList, "all");
        doc.add("names", nameList);
        doc.add("root", root);
        String html = TEMPLATE.replace("PYPROBE_TITLE", escapeText(info.title()))
                .replace("PYPROBE_DATA", HTML_SAFE.toJson(doc));
        out.print(html);
    }

    private static JsonObject node(Profile.Node node, Map<String, Integer> names, JsonArray nameList, String rootName) {
        JsonObject o = new JsonObject();
        Profile.Frame frame = node.frame();
        String name = frame == null ? rootName : frame.function();
        Integer index = names.get(name);
        if (index == null) {
            index = nameList.size();
            names.put(name, index);
            nameList.add(name);
        }
        o.addProperty("n", index);
        if (frame != null && !frame.threadRoot()) {
            o.addProperty("f", frame.file());
            o.addProperty("l", frame.line());
        }
        o.addProperty("v", node.total());
        o.addProperty("s", node.self());
        if (!node.children().isEmpty()) {
            JsonArray children = new JsonArray();
            for (Profile.Node child : node.children()) {
                children.add(node(child, names, nameList, rootName));
            }
            o.add("c", children);
        }
        return o;
    }

    private static String escapeText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String template() {
        try (InputStream in = FlamegraphHtml.class.getResourceAsStream("flamegraph.html")) {
            if (in == null) {
                throw new IllegalStateException("flamegraph.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
