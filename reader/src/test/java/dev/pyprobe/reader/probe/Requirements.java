package dev.pyprobe.reader.probe;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** A test's needs from the machine: missing ones skip locally and fail in CI (CI=true). */
final class Requirements {
    /** The tests already said to be not run: one line each, not one per parameter. */
    private static final java.util.Set<String> TOLD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Requirements() {
    }

    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("required for this test and missing: " + what);
        }
        assumeTrue(false, "missing: " + what);
    }

    static void requireFile(String path, String what) {
        require(Files.exists(Path.of(path)), what + " (" + path + ")");
    }

    /**
     * Hardware breakpoints are a property of the host, not a requirement of the suite: where they
     * are not delivered (some virtual machines), the test is not run and one line says so; the
     * same scenarios run through uprobes (TracerTest).
     */
    static void requireDeliveredHardwareBreakpoints(String tests) {
        java.util.Optional<String> missing = dev.pyprobe.reader.probe.watch.BreakpointDelivery.missingReason();
        if (missing.isPresent() && TOLD.add(tests)) {
            System.out.println("[pyprobe tests] " + missing.get() + ": " + tests + " not run");
        }
        assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    static void requireUprobes() {
        requireFile("/sys/bus/event_source/devices/uprobe/type", "the uprobe PMU");
        requireFile("/sys/bus/event_source/devices/uprobe/format/ref_ctr_offset", "uprobe ref_ctr_offset support");
    }
}
