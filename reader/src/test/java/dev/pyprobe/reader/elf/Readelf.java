package dev.pyprobe.reader.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GNU readelf as an oracle: runs it and parses the parts of its output the tests compare. */
final class Readelf {
    record Section(int index, String name, String type, long address, long offset, long size) {
    }

    record Segment(String type, long offset, long vaddr, long fileSize, long memorySize, String flags) {
    }

    /** {@code name} is as printed, with any version suffix such as {@code @GLIBC_2.2.5 (2)}. */
    record Symbol(int index, String name, long value, long size, String type, String bind, String ndx) {
    }

    record Note(String section, String owner, long dataSize, Map<String, String> fields) {
    }

    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)\\]\\s+(.*?)\\s*(\\S+)\\s+([0-9a-f]{16})\\s([0-9a-f]+)\\s([0-9a-f]+)\\s([0-9a-f]+)"
                    + "\\s+([A-Za-z]*)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");
    private static final Pattern SEGMENT = Pattern.compile(
            "^\\s+(\\S+)\\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) (.{3}) 0x([0-9a-f]+)$");
    private static final Pattern SYMBOL_TABLE = Pattern.compile("^Symbol table '(\\S+)' contains (\\d+) entr");
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*(\\d+): ([0-9a-f]{16})\\s+(0x[0-9a-f]+|\\d+) (\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+) ?(.*)$");
    private static final Pattern NOTES_IN = Pattern.compile("^Displaying notes found in: (\\S+)");
    private static final Pattern NOTE = Pattern.compile("^  (\\S+)\\s+0x([0-9a-f]{8})\\t.*");
    private static final Pattern FIELD = Pattern.compile("^\\s+(Build ID|Provider|Name|Arguments): ?(.*)$");
    private static final Pattern LOCATION = Pattern.compile(
            "^\\s+Location: 0x([0-9a-f]+), Base: 0x([0-9a-f]+), Semaphore: 0x([0-9a-f]+)$");

    private Readelf() {
    }

    static String fileType(Path file) {
        for (String line : run("-hW", file)) {
            if (line.trim().startsWith("Type:")) {
                return line.trim().substring(5).trim().split(" ")[0];
            }
        }
        throw new AssertionError("readelf -h printed no Type for " + file);
    }

    static List<Section> sections(Path file) {
        List<Section> out = new ArrayList<>();
        for (String line : run("-SW", file)) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                out.add(new Section(Integer.parseInt(m.group(1)), m.group(2), m.group(3), hex(m.group(4)),
                        hex(m.group(5)), hex(m.group(6))));
            }
        }
        return out;
    }

    static List<Segment> segments(Path file) {
        List<Segment> out = new ArrayList<>();
        for (String line : run("-lW", file)) {
            Matcher m = SEGMENT.matcher(line);
            if (m.matches()) {
                out.add(new Segment(m.group(1), hex(m.group(2)), hex(m.group(3)), hex(m.group(5)), hex(m.group(6)),
                        m.group(7)));
            }
        }
        return out;
    }

    /** Symbols by table name ({@code .dynsym}, {@code .symtab}). */
    static Map<String, List<Symbol>> symbols(Path file) {
        Map<String, List<Symbol>> out = new TreeMap<>();
        List<Symbol> current = null;
        for (String line : run("-sW", file)) {
            Matcher t = SYMBOL_TABLE.matcher(line);
            if (t.find()) {
                current = new ArrayList<>();
                out.put(t.group(1), current);
                continue;
            }
            Matcher m = SYMBOL.matcher(line);
            if (current != null && m.matches()) {
                String size = m.group(3);
                current.add(new Symbol(Integer.parseInt(m.group(1)), m.group(8), hex(m.group(2)),
                        size.startsWith("0x") ? hex(size.substring(2)) : Long.parseLong(size), m.group(4),
                        m.group(5), m.group(7)));
            }
        }
        return out;
    }

    static List<Note> notes(Path file) {
        List<Note> out = new ArrayList<>();
        String section = null;
        Note current = null;
        for (String line : run("-n", file)) {
            Matcher in = NOTES_IN.matcher(line);
            Matcher n = NOTE.matcher(line);
            Matcher f = FIELD.matcher(line);
            Matcher loc = LOCATION.matcher(line);
            if (in.find()) {
                section = in.group(1);
            } else if (n.matches()) {
                current = new Note(section, n.group(1), hex(n.group(2)), new TreeMap<>());
                out.add(current);
            } else if (current != null && f.matches()) {
                current.fields().put(f.group(1), f.group(2).trim());
            } else if (current != null && loc.matches()) {
                current.fields().put("Location", loc.group(1));
                current.fields().put("Base", loc.group(2));
                current.fields().put("Semaphore", loc.group(3));
            }
        }
        return out;
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }

    private static List<String> run(String option, Path file) {
        try {
            Process p = new ProcessBuilder("readelf", option, file.toString()).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("readelf " + option + " " + file + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("readelf " + option + " " + file + " failed: "
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot run readelf (binutils): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
