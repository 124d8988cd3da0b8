package dev.pyprobe.reader.probe.perf;

import dev.pyprobe.reader.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's uprobe PMU as it describes itself in sysfs: its dynamic type number and where in
 * {@code config} the return-probe flag and the semaphore ({@code ref_ctr_offset}) go.
 */
final class UprobePmu {
    private static final Path DIR = Path.of("/sys/bus/event_source/devices/uprobe");
    private static final Pattern CONFIG_BITS = Pattern.compile("config:(\\d+)(?:-(\\d+))?");

    final int type;
    final int retprobeBit;
    /** First bit of ref_ctr_offset in config, or -1 when this kernel cannot raise semaphores. */
    final int refCtrShift;

    private UprobePmu(int type, int retprobeBit, int refCtrShift) {
        this.type = type;
        this.retprobeBit = retprobeBit;
        this.refCtrShift = refCtrShift;
    }

    private static final class Holder {
        static final UprobePmu INSTANCE = load();
    }

    static UprobePmu get() {
        return Holder.INSTANCE;
    }

    private static UprobePmu load() {
        try {
            int type = Integer.parseInt(Files.readString(DIR.resolve("type")).trim());
            int retprobe = firstBit(Files.readString(DIR.resolve("format/retprobe")).trim());
            Path refCtr = DIR.resolve("format/ref_ctr_offset");
            int shift = Files.exists(refCtr) ? firstBit(Files.readString(refCtr).trim()) : -1;
            return new UprobePmu(type, retprobe, shift);
        } catch (IOException | RuntimeException e) {
            throw new ProbeException("this kernel has no uprobe PMU (" + DIR + " unreadable: " + e.getMessage()
                    + "); it needs CONFIG_UPROBE_EVENTS, Linux 4.17 or later");
        }
    }

    static int firstBit(String format) {
        Matcher m = CONFIG_BITS.matcher(format);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected PMU format '" + format + "'");
        }
        return Integer.parseInt(m.group(1));
    }
}
