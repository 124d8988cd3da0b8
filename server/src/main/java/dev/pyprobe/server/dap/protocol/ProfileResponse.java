package dev.pyprobe.server.dap.protocol;

import java.util.List;

/** The answer to {@code pyprobeProfile}: the flame graph as one HTML page, and the samples per line. */
public final class ProfileResponse {
    /** The interactive flame graph (self-contained; in a webview a click on a frame posts {command: "open", file, line}). */
    public String html;
    /** Samples per source line, for editor decorations. */
    public List<LineSamples> lines;
    public long samples;
    public long stacks;
    public long inconsistentStacks;
    /** Stacks that moved while read, taken from the copy the kernel made of them (in the profile). */
    public long kernelCopiedStacks;
    public long missedSamples;
    public double rateReached;
    public double durationSeconds;
    public String mode;

    /** One source line: samples executing it (self) and samples with it on the stack (total). */
    public static final class LineSamples {
        public String path;
        public int line;
        public long self;
        public long total;

        public LineSamples(String path, int line, long self, long total) {
            this.path = path;
            this.line = line;
            this.self = self;
            this.total = total;
        }
    }
}
