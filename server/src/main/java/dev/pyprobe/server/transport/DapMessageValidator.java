package dev.pyprobe.server.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets through only bodies that are strict UTF-8 JSON objects shaped like a DAP request (or a
 * response to a reverse request). A message that carries a usable {@code seq} but is otherwise
 * wrong is answered with an error response and the connection goes on; anything else, where no
 * request can be named, closes the connection.
 */
@ChannelHandler.Sharable
public final class DapMessageValidator extends MessageToMessageDecoder<ByteBuf> {
    public static final DapMessageValidator INSTANCE = new DapMessageValidator();
    private static final Pattern POSITION = Pattern.compile("line \\d+ column \\d+");

    private DapMessageValidator() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        JsonObject message = parseObject(body);
        String problem = shapeProblem(message);
        if (problem == null) {
            out.add(body.retain());
            return;
        }
        Long seq = integer(message.get("seq"));
        if (seq == null) {
            throw new DapProtocolException("message without a valid seq: " + problem);
        }
        String command = message.get("command") instanceof JsonPrimitive p && p.isString() ? p.getAsString() : "";
        ctx.writeAndFlush(TransportErrorResponses.encode(ctx.alloc(), seq, command, problem));
    }

    private static JsonObject parseObject(ByteBuf body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new DapProtocolException("message body is not valid UTF-8");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            reader.peek(); // in strict mode this throws unless only whitespace follows the value
            if (!element.isJsonObject()) {
                throw new DapProtocolException("message body is not a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new DapProtocolException("message body is not valid JSON" + position(e.getMessage()));
        }
    }

    private static String position(String gsonMessage) {
        Matcher m = POSITION.matcher(gsonMessage == null ? "" : gsonMessage);
        return m.find() ? " (" + m.group() + ")" : "";
    }

    /** What makes the message unusable as DAP, or null when it is fine. */
    private static String shapeProblem(JsonObject message) {
        if (integer(message.get("seq")) == null) {
            return "'seq' must be an integer";
        }
        JsonElement type = message.get("type");
        if (!(type instanceof JsonPrimitive p && p.isString())) {
            return "'type' must be a string";
        }
        switch (type.getAsString()) {
            case "request":
                return isString(message.get("command")) ? null : "a request needs a string 'command'";
            case "response":
                return isString(message.get("command")) && integer(message.get("request_seq")) != null
                        ? null : "a response needs 'command' and an integer 'request_seq'";
            default:
                return "a client sends requests or responses, not '" + abbreviate(type.getAsString()) + "'";
        }
    }

    private static boolean isString(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString();
    }

    private static Long integer(JsonElement e) {
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            return null;
        }
        // Plain digits only: a seq written as 1e3 is not worth a BigDecimal parse of a huge exponent.
        String digits = p.getAsString();
        if (digits.length() > 19) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
