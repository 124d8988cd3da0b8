package dev.pyprobe.reader.probe.watch;

import com.sun.jna.Memory;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import java.util.Optional;

/**
 * Whether this host delivers hardware breakpoints. On some virtual machines (AMD-hosted ones
 * here) a perf breakpoint event opens fine and never fires, so opening one proves nothing: the
 * self-test watches a word of pyprobe's own memory, writes it from this thread, and reads the
 * event's count. Run once per process and cached.
 *
 * <p>Setting the environment variable {@code PYPROBE_HARDWARE_BREAKPOINTS=off} (or the system
 * property {@code pyprobe.hardwareBreakpoints=off}) makes pyprobe act as on a host without them,
 * so the fallback can be tried and tested anywhere.
 */
public final class BreakpointDelivery {
    static final String SWITCH_ENV = "PYPROBE_HARDWARE_BREAKPOINTS";
    static final String SWITCH_PROPERTY = "pyprobe.hardwareBreakpoints";
    private static final int WRITES = 8;

    private BreakpointDelivery() {
    }

    private static final class Holder {
        static final Optional<String> MISSING = selfTest();
    }

    /** True when a watchpoint placed now would fire. */
    public static boolean delivered() {
        return missingReason().isEmpty();
    }

    /** Why hardware watchpoints cannot serve here, or empty when they can. */
    public static Optional<String> missingReason() {
        if ("off".equals(System.getProperty(SWITCH_PROPERTY, System.getenv(SWITCH_ENV)))) {
            return Optional.of("hardware breakpoints are turned off (" + SWITCH_ENV + "=off)");
        }
        return Holder.MISSING;
    }

    private static Optional<String> selfTest() {
        try (Memory word = new Memory(8)) {
            long address = Memory.nativeValue(word);
            PerfEvent event;
            try {
                event = PerfEvent.breakpoint(address, 4, WatchKind.WRITE.bpType, 0, 1);
            } catch (ProbeException e) {
                return Optional.of("hardware breakpoints cannot be opened here: " + e.getMessage());
            }
            try (event) {
                event.enable();
                for (int i = 0; i < WRITES; i++) {
                    word.setInt(0, i);
                }
                event.disable();
                long hits = event.counts().hits();
                if (hits == 0) {
                    return Optional.of("hardware breakpoints are not delivered on this host (a self-test watchpoint on "
                            + WRITES + " writes counted 0; some virtual machines never deliver them)");
                }
                return Optional.empty();
            }
        }
    }
}
