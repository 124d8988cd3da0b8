package dev.pyprobe.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DapMessageValidatorTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(DapMessageValidator.INSTANCE);
    }

    private static ByteBuf body(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static JsonObject answer(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        try {
            return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        } finally {
            out.release();
        }
    }

    @Test
    void passesARequestThroughUnchanged() {
        EmbeddedChannel ch = channel();
        String request = "{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}";
        ch.writeInbound(body(request));
        ByteBuf passed = ch.readInbound();
        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo(request);
        passed.release();
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void passesAResponseToAReverseRequest() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(body("{\"seq\":4,\"type\":\"response\",\"request_seq\":2,\"command\":\"runInTerminal\",\"success\":true}"));
        ByteBuf passed = ch.readInbound();
        assertThat(passed).isNotNull();
        passed.release();
    }

    @Test
    void answersAMisshapenRequestWhoseSeqIsKnown() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(body("{\"seq\":7,\"type\":\"request\",\"command\":42}"));
        assertThat((Object) ch.readInbound()).isNull();
        JsonObject response = answer(ch);
        assertThat(response.get("request_seq").getAsInt()).isEqualTo(7);
        assertThat(response.get("success").getAsBoolean()).isFalse();
        assertThat(response.get("type").getAsString()).isEqualTo("response");
        assertThat(response.get("message").getAsString()).contains("command");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void answersAnEventSentByTheClient() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(body("{\"seq\":3,\"type\":\"event\",\"event\":\"stopped\"}"));
        JsonObject response = answer(ch);
        assertThat(response.get("request_seq").getAsInt()).isEqualTo(3);
        assertThat(response.get("message").getAsString()).contains("not 'event'");
    }

    @Test
    void rejectsWhatCannotBeAnswered() {
        assertRejected("{\"seq\":1,", "not valid JSON");
        assertRejected("{\"seq\":1} {}", "not valid JSON (line 1 column");
        assertRejected("[1,2]", "not a JSON object");
        assertRejected("{'seq':1,type:request}", "not valid JSON");
        assertRejected("{\"type\":\"request\",\"command\":\"x\"}", "without a valid seq");
        assertRejected("{\"seq\":1e400,\"type\":\"request\"}", "without a valid seq");
        assertRejected("", "not a JSON object");
    }

    @Test
    void rejectsInvalidUtf8() {
        EmbeddedChannel ch = channel();
        ByteBuf bad = Unpooled.wrappedBuffer(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertThatThrownBy(() -> ch.writeInbound(bad)).hasRootCauseMessage("message body is not valid UTF-8");
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "{\"seq\":1,\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertRejected(deep, "not valid JSON");
    }

    private static void assertRejected(String json, String message) {
        EmbeddedChannel ch = channel();
        assertThatThrownBy(() -> ch.writeInbound(body(json)))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(DapProtocolException.class)
                .hasMessageContaining(message);
    }
}
