package dev.pyprobe.server.dap;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** DAP framing by hand, to check what goes over the wire exactly (no client library in between). */
final class RawDapWire {
    private static final int MAX_HEADER = 1024;
    private static final int MAX_BODY = 16 << 20;

    private final InputStream in;
    private final OutputStream out;
    private int seq;

    RawDapWire(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Sends a request; {@code argumentsJson} null sends none at all. */
    void request(String command, String argumentsJson) throws IOException {
        String json = "{\"seq\":" + (++seq) + ",\"type\":\"request\",\"command\":\"" + command + "\""
                + (argumentsJson == null ? "" : ",\"arguments\":" + argumentsJson) + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The next message of any kind. */
    JsonObject read() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || header.size() > MAX_HEADER) {
                throw new IOException("bad or missing header: " + header);
            }
            header.write(b);
        }
        int length = -1;
        for (String line : header.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0 || length > MAX_BODY) {
            throw new IOException("bad Content-Length in " + header);
        }
        byte[] body = in.readNBytes(length);
        return new Gson().fromJson(new String(body, StandardCharsets.UTF_8), JsonObject.class);
    }

    /** Reads until the response to {@code command}, skipping events. */
    JsonObject response(String command) throws IOException {
        for (int i = 0; i < 100; i++) {
            JsonObject m = read();
            if ("response".equals(m.get("type").getAsString()) && command.equals(m.get("command").getAsString())) {
                return m;
            }
        }
        throw new IOException("no response to " + command + " within 100 messages");
    }
}
