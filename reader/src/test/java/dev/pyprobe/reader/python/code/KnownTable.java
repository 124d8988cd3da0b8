package dev.pyprobe.reader.python.code;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One code object as a real interpreter described it: written by
 * {@code src/test/resources/linetables/generate.py}, one JSON file per interpreter.
 *
 * @param lines   the interpreter's line for every byte offset from 0 (a few past the bytecode)
 * @param coLines what {@code co_lines()} yielded (3.10+), else null
 */
record KnownTable(String version, String source, String name, int firstLine, byte[] table, int codeSize,
                  int beforeStart, int[] lines, List<LineRange> coLines) {

    /** "3.12" of "3.12.1". */
    String series() {
        return version.substring(0, version.lastIndexOf('.'));
    }

    String where() {
        return version + " " + source + ":" + name;
    }

    /** The known tables of every interpreter, grouped by interpreter version. */
    static List<List<KnownTable>> loadAll() {
        URL dir = KnownTable.class.getResource("/linetables");
        if (dir == null) {
            throw new IllegalStateException("test resources /linetables missing");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<List<KnownTable>> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("cpython-[0-9.]+\\.json")).sorted().toList()) {
                all.add(load(file));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<KnownTable> load(Path file) throws IOException {
        JsonObject root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(in).getAsJsonObject();
        }
        String version = root.get("version").getAsString();
        List<KnownTable> tables = new ArrayList<>();
        for (JsonElement element : root.getAsJsonArray("codeObjects")) {
            JsonObject code = element.getAsJsonObject();
            tables.add(new KnownTable(version,
                    code.get("source").getAsString(),
                    code.get("name").getAsString(),
                    code.get("firstLine").getAsInt(),
                    HexFormat.of().parseHex(code.get("table").getAsString()),
                    code.get("codeSize").getAsInt(),
                    code.get("beforeStart").getAsInt(),
                    expandRuns(code.getAsJsonArray("lines")),
                    code.has("ranges") ? ranges(code.getAsJsonArray("ranges")) : null));
        }
        return tables;
    }

    private static int[] expandRuns(JsonArray runs) {
        int total = 0;
        for (JsonElement run : runs) {
            total += run.getAsJsonArray().get(0).getAsInt();
        }
        int[] lines = new int[total];
        int at = 0;
        for (JsonElement run : runs) {
            int count = run.getAsJsonArray().get(0).getAsInt();
            int line = run.getAsJsonArray().get(1).getAsInt();
            for (int i = 0; i < count; i++) {
                lines[at++] = line;
            }
        }
        return lines;
    }

    private static List<LineRange> ranges(JsonArray triples) {
        List<LineRange> ranges = new ArrayList<>();
        for (JsonElement triple : triples) {
            JsonArray t = triple.getAsJsonArray();
            ranges.add(new LineRange(t.get(0).getAsInt(), t.get(1).getAsInt(), t.get(2).getAsInt()));
        }
        return ranges;
    }
}
