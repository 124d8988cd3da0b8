package dev.pyprobe.server.transport;

import com.google.gson.JsonObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** DAP error responses that the transport sends itself, for requests the session never sees. */
final class TransportErrorResponses {
    private TransportErrorResponses() {
    }

    /**
     * The body of a failed response to request {@code requestSeq}. Its own {@code seq} is 0: the
     * session owns the sequence numbers, and clients match responses by {@code request_seq}.
     */
    static ByteBuf encode(ByteBufAllocator alloc, long requestSeq, String command, String message) {
        JsonObject response = new JsonObject();
        response.addProperty("seq", 0);
        response.addProperty("type", "response");
        response.addProperty("request_seq", requestSeq);
        response.addProperty("success", false);
        response.addProperty("command", command);
        response.addProperty("message", message);
        byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }
}
