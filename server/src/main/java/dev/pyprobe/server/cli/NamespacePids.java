package dev.pyprobe.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's ids in the PID namespaces it belongs to, from the {@code NSpid:} line of its status. */
final class NamespacePids {
    private NamespacePids() {
    }

    /** How many PID namespaces the process is in (1 on the host's own); 0 when it is gone. */
    static int levels(long pid) {
        String[] ids = ids(pid);
        return ids.length;
    }

    /** Its id in its innermost namespace (the one it sees itself), or its host PID. */
    static long innermost(long pid) {
        String[] ids = ids(pid);
        return ids.length == 0 ? pid : Long.parseLong(ids[ids.length - 1]);
    }

    private static String[] ids(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("NSpid:")) {
                    return line.substring("NSpid:".length()).trim().split("\\s+");
                }
            }
        } catch (IOException e) {
            // Gone.
        }
        return new String[0];
    }
}
