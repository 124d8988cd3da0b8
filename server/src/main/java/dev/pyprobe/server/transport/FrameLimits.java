package dev.pyprobe.server.transport;

/**
 * Upper bounds on one DAP message as it arrives: the header block (up to and including the blank
 * line) and the JSON body. Nothing is buffered beyond them, whatever a peer sends.
 */
public record FrameLimits(int maxHeaderBytes, int maxBodyBytes) {

    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

    public FrameLimits {
        if (maxHeaderBytes < 32) {
            throw new IllegalArgumentException("header limit must be at least 32 bytes, got " + maxHeaderBytes);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("body limit must be positive, got " + maxBodyBytes);
        }
    }

    public static FrameLimits defaults() {
        return new FrameLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public static FrameLimits withMaxBody(int maxBodyBytes) {
        return new FrameLimits(DEFAULT_MAX_HEADER_BYTES, maxBodyBytes);
    }
}
