package dev.pyprobe.server.transport;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of what a broken or hostile client may send instead of DAP. */
final class MalformedInput {
    private MalformedInput() {
    }

    static Arbitrary<byte[]> anyOf(int maxHeaderBytes, int maxBodyBytes) {
        return Arbitraries.oneOf(
                randomBytes(),
                missingLength(),
                negativeLength(),
                hugeLength(maxBodyBytes),
                truncatedBody(),
                badJson(),
                hugeHeader(maxHeaderBytes),
                messageThenGarbage());
    }

    static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4096);
    }

    static Arbitrary<byte[]> missingLength() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                .map(name -> ascii(name + ": 12\r\n\r\n{\"seq\":1}"));
    }

    static Arbitrary<byte[]> negativeLength() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, -1)
                .map(n -> ascii("Content-Length: " + n + "\r\n\r\n{}"));
    }

    static Arbitrary<byte[]> hugeLength(int maxBodyBytes) {
        return Arbitraries.longs().between(maxBodyBytes + 1L, Long.MAX_VALUE)
                .map(n -> ascii("Content-Length: " + n + "\r\n\r\n{\"seq\":1"));
    }

    static Arbitrary<byte[]> truncatedBody() {
        return Combinators.combine(Arbitraries.integers().between(10, 1000), Arbitraries.integers().between(0, 9))
                .as((declared, missing) -> {
                    String body = "{\"seq\":1,\"type\":\"request\",\"command\":\"x\"," + "\"p\":\"" + "z".repeat(declared) + "\"}";
                    byte[] full = ascii("Content-Length: " + (body.length() + 1 + missing) + "\r\n\r\n" + body);
                    return full;
                });
    }

    static Arbitrary<byte[]> badJson() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("{", "}", "[", "null", "1", "\"s\"", "{\"seq\":}", "{\"seq\":1,}", "{\"seq\":1}}",
                        "{\"seq\":\"1\",\"type\":\"request\"}", "[".repeat(5000), "{\"seq\":" + "9".repeat(400) + "}"))
                .map(DapWire::frame);
    }

    static Arbitrary<byte[]> hugeHeader(int maxHeaderBytes) {
        return Arbitraries.integers().between(maxHeaderBytes, maxHeaderBytes * 4)
                .map(n -> ascii("X-Filler: " + "a".repeat(n)));
    }

    static Arbitrary<byte[]> messageThenGarbage() {
        return randomBytes().map(garbage -> {
            byte[] ok = DapWire.frame("{\"seq\":1,\"type\":\"request\",\"command\":\"echo\"}");
            byte[] all = new byte[ok.length + garbage.length];
            System.arraycopy(ok, 0, all, 0, ok.length);
            System.arraycopy(garbage, 0, all, ok.length, garbage.length);
            return all;
        });
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
