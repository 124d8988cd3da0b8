package dev.pyprobe.server.wording;

/** What happened to a tracepoint's hits, in the words both the command line and DAP print. */
public final class HitWords {
    private HitWords() {
    }

    /** Streamed hits the kernel dropped; the count is exact where the kernel counts. */
    public static String lost(long count, boolean countedInKernel) {
        return "the kernel lost " + count + " hit event(s) on the way (its buffer was full): "
                + (countedInKernel ? "they are not shown, but the hit count is exact"
                        : "the hit count is low by at least that");
    }

    /** Hits whose condition could not be decided. */
    public static String undecided(long count, String reason) {
        return "the condition could not be decided on " + count + " hit(s) (not shown): " + reason;
    }
}
