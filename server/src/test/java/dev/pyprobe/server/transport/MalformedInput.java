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

    /** Input that is wrong as soon as it has arrived: the server must close without waiting for more. */
    static Arbitrary<byte[]> fatal(int maxHeaderBytes, int maxBodyBytes) {
        return Arbitraries.oneOf(
                binary(),
                missingLength(),
                negativeLength(),
                hugeLength(maxBodyBytes),
                badJson(),
                hugeHeader(maxHeaderBytes),
                binary().map(garbage -> concat(DapWire.frame("{\"seq\":1,\"type\":\"request\",\"command\":\"echo\"}"),
                        garbage)));
    }

    /** Random bytes with at least one that no header may contain. */
    static Arbitrary<byte[]> binary() {
        return randomBytes().map(bytes -> concat(bytes, new byte[] {0x00}));
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
        return randomBytes().map(garbage -> concat(
                DapWire.frame("{\"seq\":1,\"type\":\"request\",\"command\":\"echo\"}"), garbage));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
