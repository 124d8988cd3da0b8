package dev.pyprobe.reader.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test oracle: binutils' view of a binary's USDT notes and load segments, independent of the
 * code under test.
 */
final class Readelf {
    record Note(String provider, String name, long pc, long semaphore, String args) {
    }

    record Segment(long offset, long vaddr, long fileSize) {
    }

    private static final Pattern NAME = Pattern.compile("\\s*Provider: (\\S+)");
    private static final Pattern PROBE = Pattern.compile("\\s*Name: (\\S+)");
    private static final Pattern LOCATION = Pattern.compile(
            "\\s*Location: 0x([0-9a-f]+), Base: 0x([0-9a-f]+), Semaphore: 0x([0-9a-f]+)");
    private static final Pattern ARGS = Pattern.compile("\\s*Arguments: ?(.*)");
    private static final Pattern LOAD = Pattern.compile(
            "\\s*LOAD\\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ 0x([0-9a-f]+) .*");

    private Readelf() {
    }

    static List<Note> notes(Path binary) {
        List<Note> out = new ArrayList<>();
        String provider = null;
        String name = null;
        long pc = 0;
        long sem = 0;
        for (String line : run("readelf", "-n", binary.toString()).split("\n")) {
            Matcher m;
            if ((m = NAME.matcher(line)).matches()) {
                provider = m.group(1);
            } else if ((m = PROBE.matcher(line)).matches()) {
                name = m.group(1);
            } else if ((m = LOCATION.matcher(line)).matches()) {
                pc = Long.parseUnsignedLong(m.group(1), 16);
                sem = Long.parseUnsignedLong(m.group(3), 16);
            } else if ((m = ARGS.matcher(line)).matches() && provider != null) {
                out.add(new Note(provider, name, pc, sem, m.group(1).trim()));
            }
        }
        return out;
    }

    static Note note(Path binary, String name) {
        return notes(binary).stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no USDT note " + name + " in " + binary));
    }

    static long fileOffset(Path binary, long vaddr) {
        for (String line : run("readelf", "-lW", binary.toString()).split("\n")) {
            Matcher m = LOAD.matcher(line);
            if (m.matches()) {
                Segment s = new Segment(Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16),
                        Long.parseLong(m.group(3), 16));
                if (vaddr >= s.vaddr() && vaddr < s.vaddr() + s.fileSize()) {
                    return vaddr - s.vaddr() + s.offset();
                }
            }
        }
        throw new AssertionError("0x" + Long.toHexString(vaddr) + " not in a LOAD segment of " + binary);
    }

    static long dynamicSymbol(Path binary, String symbol) {
        for (String line : run("nm", "-D", binary.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(symbol)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new AssertionError("no dynamic symbol " + symbol + " in " + binary);
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
