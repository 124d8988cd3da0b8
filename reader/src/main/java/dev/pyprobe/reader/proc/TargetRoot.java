package dev.pyprobe.reader.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the paths /proc gives for a target's files (its maps, its exe link) into the names the
 * target itself uses. /proc names a file from <em>our</em> root when it can reach it from there:
 * a target chrooted into /srv/root shows {@code /srv/root/usr/bin/python3} where it runs
 * {@code /usr/bin/python3}. The prefix is the target's root as /proc/PID/root shows it; it is "/"
 * for a target sharing our root, and for one whose root we cannot reach at all (a container
 * started with pivot_root), whose paths /proc already gives from that root.
 */
final class TargetRoot {
    private final String prefix;

    private TargetRoot(String prefix) {
        this.prefix = prefix;
    }

    /** Read at each use: a process may chroot at any time. */
    static TargetRoot of(Path procDir) {
        try {
            String root = Files.readSymbolicLink(procDir.resolve("root")).toString();
            return new TargetRoot(root.equals("/") || !root.startsWith("/") ? "" : root);
        } catch (IOException | RuntimeException e) {
            return new TargetRoot("");
        }
    }

    /** The target's name for a file /proc shows us as {@code path}; others (e.g. {@code [heap]}) as they are. */
    String nameInTarget(String path) {
        if (!prefix.isEmpty() && path.startsWith(prefix) && path.length() > prefix.length()
                && path.charAt(prefix.length()) == '/') {
            return path.substring(prefix.length());
        }
        return path;
    }
}
