package dev.pyprobe.reader.python.layout;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.python.PythonVersion;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The per-version layouts shipped in {@code layouts.json}. Adding a version means adding an entry there. */
public final class LayoutTable {
    private static final LayoutTable BUILT_IN = load();

    private final Map<String, Layout> bySeries;

    private LayoutTable(Map<String, Layout> bySeries) {
        this.bySeries = bySeries;
    }

    public static LayoutTable builtIn() {
        return BUILT_IN;
    }

    public Layout forVersion(PythonVersion version) {
        Layout layout = bySeries.get(version.series());
        if (layout == null) {
            throw new UnsupportedVersionException(version.toString(), supported());
        }
        return layout;
    }

    public String supported() {
        return String.join(", ", bySeries.keySet());
    }

    private static LayoutTable load() {
        try (Reader r = new InputStreamReader(
                LayoutTable.class.getResourceAsStream("/dev/pyprobe/reader/python/layouts.json"), StandardCharsets.UTF_8)) {
            Gson gson = new Gson();
            JsonObject versions = gson.fromJson(r, JsonObject.class).getAsJsonObject("versions");
            Map<String, Layout> table = new TreeMap<>(LayoutTable::compareSeries);
            for (String series : versions.keySet()) {
                table.put(series, gson.fromJson(versions.get(series), Layout.class));
            }
            return new LayoutTable(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in layout table", e);
        }
    }

    private static int compareSeries(String a, String b) {
        return PythonVersion.parse(a + ".0").compareTo(PythonVersion.parse(b + ".0"));
    }
}
