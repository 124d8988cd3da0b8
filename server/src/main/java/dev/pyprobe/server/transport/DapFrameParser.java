package dev.pyprobe.server.transport;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Incremental parser of DAP's base protocol: header lines ending in CRLF, a blank line, then
 * {@code Content-Length} bytes of body. It keeps only the state of the message in progress; the
 * caller owns the buffer, and the parser never asks it to hold more than the limits allow.
 */
final class DapFrameParser {
    private static final String CONTENT_LENGTH = "content-length";

    private final FrameLimits limits;
    /** Body length of the message whose header has been read, or -1 while reading a header. */
    private int pendingBodyLength = -1;
    /** Header bytes already searched for the blank line, so a slow sender costs linear time. */
    private int headerBytesScanned;

    DapFrameParser(FrameLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes the next complete body out of {@code in}, or returns null when more bytes are needed.
     *
     * @throws DapProtocolException when the bytes cannot be a DAP message within the limits
     */
    ByteBuf next(ByteBuf in) {
        if (pendingBodyLength < 0) {
            int headerLength = headerBlockLength(in);
            if (headerLength < 0) {
                return null;
            }
            headerBytesScanned = 0;
            CharSequence header = in.readCharSequence(headerLength, StandardCharsets.ISO_8859_1);
            pendingBodyLength = contentLength(header);
        }
        if (in.readableBytes() < pendingBodyLength) {
            return null;
        }
        ByteBuf body = in.readRetainedSlice(pendingBodyLength);
        pendingBodyLength = -1;
        return body;
    }

    /** True while part of a message has been read: its header, or some of its header bytes. */
    boolean inMessage(ByteBuf in) {
        return pendingBodyLength >= 0 || in.isReadable();
    }

    /** Length of the header block including the blank line, or -1 if it is not complete yet. */
    private int headerBlockLength(ByteBuf in) {
        int searchable = Math.min(in.readableBytes(), limits.maxHeaderBytes());
        int start = in.readerIndex();
        for (int i = headerBytesScanned; i < searchable; i++) {
            byte b = in.getByte(start + i);
            if (!isHeaderText(b)) {
                // Binary where a header must be (a TLS hello, random bytes): no need to wait for more.
                throw new DapProtocolException(String.format("byte 0x%02x in a header", b & 0xff));
            }
            if (b == '\n' && i >= 3 && in.getByte(start + i - 1) == '\r'
                    && in.getByte(start + i - 2) == '\n' && in.getByte(start + i - 3) == '\r') {
                return i + 1;
            }
        }
        headerBytesScanned = searchable;
        if (in.readableBytes() >= limits.maxHeaderBytes()) {
            throw new DapProtocolException("header longer than " + limits.maxHeaderBytes() + " bytes");
        }
        return -1;
    }

    private static boolean isHeaderText(byte b) {
        return (b >= 0x20 && b < 0x7f) || b == '\r' || b == '\n' || b == '\t';
    }

    private int contentLength(CharSequence headerBlock) {
        String[] lines = headerBlock.toString().split("\r\n");
        Integer length = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new DapProtocolException("malformed header line: " + printable(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!name.equals(CONTENT_LENGTH)) {
                continue; // DAP allows other headers (Content-Type); none of them changes framing
            }
            if (length != null) {
                throw new DapProtocolException("more than one Content-Length header");
            }
            length = parseLength(line.substring(colon + 1).trim());
        }
        if (length == null) {
            throw new DapProtocolException("missing Content-Length header");
        }
        return length;
    }

    private int parseLength(String value) {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DapProtocolException("invalid Content-Length: " + printable(value));
        }
        long length = Long.parseLong(value);
        if (length > limits.maxBodyBytes()) {
            throw new DapProtocolException(
                    "Content-Length " + length + " exceeds the limit of " + limits.maxBodyBytes() + " bytes");
        }
        return (int) length;
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder out = new StringBuilder();
        cut.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c)));
        return '"' + out.toString() + '"';
    }
}
