package dev.pyprobe.reader.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task's id in each PID namespace it belongs to, from the {@code NSpid:} line of its
 * {@code /proc/PID/task/TID/status}: first the id in the namespace of that /proc (ours, the
 * directory's name), last the id in the task's own namespace, e.g. {@code NSpid: 3301 4} for a
 * container's thread that sees itself as 4.
 */
public record NamespaceIds(List<Integer> ids) {

    public NamespaceIds {
        ids = List.copyOf(ids);
    }

    /** The ids of process {@code pid} (read now from /proc/PID/status), if it exists and the line is sound. */
    public static Optional<NamespaceIds> ofProcess(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")), (int) pid);
        } catch (IOException e) {
            return Optional.empty(); // gone, or not ours to read
        }
    }

    /** The id /proc uses, the host's. */
    public int host() {
        return ids.get(0);
    }

    /** The id the task sees itself by (what {@code gettid()} returns inside). */
    public int own() {
        return ids.get(ids.size() - 1);
    }

    /** Whether the task lives in a PID namespace below ours (a container's). */
    public boolean nested() {
        return ids.size() > 1;
    }

    /**
     * The line of a status file, if it is well formed and names task {@code hostId} first: a line
     * that does not is not trusted for any id (Linux before 4.1 has no such line at all).
     */
    static Optional<NamespaceIds> parse(String status, int hostId) {
        for (String line : status.split("\n")) {
            if (line.startsWith("NSpid:")) {
                return parseIds(line.substring("NSpid:".length()))
                        .filter(ids -> ids.host() == hostId);
            }
        }
        return Optional.empty();
    }

    private static Optional<NamespaceIds> parseIds(String fields) {
        String trimmed = fields.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> ids = new ArrayList<>();
        for (String field : trimmed.split("\\s+")) {
            if (!field.chars().allMatch(c -> c >= '0' && c <= '9') || field.length() > 9) {
                return Optional.empty();
            }
            int id = Integer.parseInt(field);
            if (id <= 0) {
                return Optional.empty();
            }
            ids.add(id);
        }
        return Optional.of(new NamespaceIds(ids));
    }
}
