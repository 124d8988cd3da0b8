package dev.pyprobe.reader.python.layout;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.python.PythonVersion;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-version layouts shipped in {@code layouts.json}. Adding a version means adding an entry
 * there; versions that publish {@code _Py_DebugOffsets} (3.13+) also say which fields the target's
 * own numbers replace, and a newer version without an entry borrows the closest older one's.
 */
public final class LayoutTable {
    private static final Gson GSON = new Gson();
    private static final LayoutTable BUILT_IN = load();

    private final Map<String, JsonObject> bySeries;

    private LayoutTable(Map<String, JsonObject> bySeries) {
        this.bySeries = bySeries;
    }

    public static LayoutTable builtIn() {
        return BUILT_IN;
    }

    /** A table read from a {@code layouts.json} document (the built-in one is read this way). */
    public static LayoutTable read(Reader json) {
        JsonObject versions = GSON.fromJson(json, JsonObject.class).getAsJsonObject("versions");
        Map<String, JsonObject> table = new TreeMap<>(LayoutTable::compareSeries);
        for (String series : versions.keySet()) {
            table.put(series, versions.getAsJsonObject(series));
        }
        return new LayoutTable(table);
    }

    /** Whether the table has an entry for this version's series. */
    public boolean has(PythonVersion version) {
        return bySeries.containsKey(version.series());
    }

    /**
     * The newest entry older than {@code version} whose targets publish {@code _Py_DebugOffsets}, as
     * {@code X.Y.0}: what a newer version that has no entry is read with.
     */
    public Optional<PythonVersion> closestOlderWithDebugOffsets(PythonVersion version) {
        return bySeries.entrySet().stream()
                .filter(e -> compareSeries(e.getKey(), version.series()) < 0 && e.getValue().has("debugOffsets"))
                .map(e -> PythonVersion.parse(e.getKey() + ".0"))
                .reduce((older, newer) -> newer);
    }

    /** The table's layout for this version. */
    public Layout forVersion(PythonVersion version) {
        return GSON.fromJson(entry(version), Layout.class);
    }

    /**
     * The layout for this version with every field named in its {@code debugOffsets} replaced by the
     * value the target publishes in its {@code _Py_DebugOffsets} (read from {@code debugOffsets}).
     */
    public Layout forVersion(PythonVersion version, RemoteBytes debugOffsets) {
        JsonObject layout = entry(version).deepCopy();
        for (Map.Entry<String, Long> e : debugOffsetPositions(version).entrySet()) {
            set(layout, e.getKey(), debugOffsets.i64(e.getValue().intValue()));
        }
        return GSON.fromJson(layout, Layout.class);
    }

    /** Layout field path (e.g. {@code thread.nativeThreadId}) to its position in {@code _Py_DebugOffsets}. */
    public Map<String, Long> debugOffsetPositions(PythonVersion version) {
        Map<String, Long> out = new TreeMap<>();
        Optional.ofNullable(entry(version).getAsJsonObject("debugOffsets"))
                .ifPresent(o -> o.keySet().forEach(k -> out.put(k, o.get(k).getAsLong())));
        return out;
    }

    /**
     * Whether this version's asyncio group takes numbers from the {@code .AsyncioDebug} section of
     * the {@code _asyncio} module ({@code _Py_AsyncioModuleDebugOffsets}, 3.14+).
     */
    public boolean hasAsyncioDebugOffsets(PythonVersion version) {
        return entry(version).has(ASYNCIO_DEBUG_OFFSETS);
    }

    /**
     * The asyncio group for this version with every field its {@code asyncioDebugOffsets} name
     * replaced by the value at that position of {@code section} (the module's {@code .AsyncioDebug}).
     */
    public Layout.Asyncio asyncio(PythonVersion version, RemoteBytes section) {
        JsonObject group = entry(version).getAsJsonObject(ASYNCIO).deepCopy();
        JsonObject positions = entry(version).getAsJsonObject(ASYNCIO_DEBUG_OFFSETS);
        for (String field : positions.keySet()) {
            group.addProperty(field, section.i64(positions.get(field).getAsInt()));
        }
        return GSON.fromJson(group, Layout.Asyncio.class);
    }

    /** The group of a layout that says where asyncio's tasks are. */
    public static final String ASYNCIO = "asyncio";
    private static final String ASYNCIO_DEBUG_OFFSETS = "asyncioDebugOffsets";

    /** The series whose layout has {@code group}, e.g. "3.8, 3.9". */
    public String supporting(String group) {
        return String.join(", ", bySeries.entrySet().stream().filter(e -> e.getValue().has(group))
                .map(Map.Entry::getKey).toList());
    }

    public String supported() {
        return String.join(", ", bySeries.keySet());
    }

    private JsonObject entry(PythonVersion version) {
        JsonObject layout = bySeries.get(version.series());
        if (layout == null) {
            throw new UnsupportedVersionException(version.toString(), supported());
        }
        return layout;
    }

    private static void set(JsonObject layout, String path, long value) {
        String[] parts = path.split("\\.");
        JsonObject group = layout.getAsJsonObject(parts[0]);
        JsonElement old = group.get(parts[1]);
        if (old != null && old.isJsonArray()) {
            // A pointer path: the debug offsets give only its last step.
            JsonArray replaced = old.getAsJsonArray().deepCopy();
            replaced.set(replaced.size() - 1, GSON.toJsonTree(value));
            group.add(parts[1], replaced);
        } else {
            group.addProperty(parts[1], value);
        }
    }

    private static LayoutTable load() {
        try (Reader r = new InputStreamReader(
                LayoutTable.class.getResourceAsStream("/dev/pyprobe/reader/python/layouts.json"), StandardCharsets.UTF_8)) {
            return read(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in layout table", e);
        }
    }

    private static int compareSeries(String a, String b) {
        return PythonVersion.parse(a + ".0").compareTo(PythonVersion.parse(b + ".0"));
    }
}
