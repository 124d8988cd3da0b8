package dev.pyprobe.server.transport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Test-side DAP base protocol over plain streams: the client's view of the wire. */
final class DapWire {
    private DapWire() {
    }

    static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + body.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        return frame;
    }

    static void write(OutputStream out, JsonObject message) throws IOException {
        out.write(frame(message.toString()));
        out.flush();
    }

    /** The next message, or null at end of stream. Test peers are trusted to frame correctly. */
    static JsonObject read(InputStream in) throws IOException {
        int length = -1;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(c);
        }
        return null;
    }

    static JsonObject request(int seq, String command, JsonObject arguments) {
        JsonObject r = new JsonObject();
        r.addProperty("seq", seq);
        r.addProperty("type", "request");
        r.addProperty("command", command);
        if (arguments != null) {
            r.add("arguments", arguments);
        }
        return r;
    }

    static JsonObject response(JsonObject request, boolean success, String message) {
        JsonObject r = new JsonObject();
        r.addProperty("seq", 0);
        r.addProperty("type", "response");
        r.addProperty("request_seq", request.get("seq").getAsLong());
        r.addProperty("command", request.get("command").getAsString());
        r.addProperty("success", success);
        if (message != null) {
            r.addProperty("message", message);
        }
        return r;
    }
}
