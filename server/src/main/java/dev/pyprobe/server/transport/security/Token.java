package dev.pyprobe.server.transport.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The shared secret a client must present in its {@code attach} arguments. */
public final class Token {
    private static final int GENERATED_BYTES = 32;
    private static final int MAX_FILE_BYTES = 4096;

    private final String value;
    private final byte[] digest;

    private Token(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the token is empty");
        }
        this.value = value;
        this.digest = sha256(value);
    }

    public static Token of(String value) {
        return new Token(value);
    }

    /** 256 random bits, URL-safe Base64 so it survives shells and JSON unquoted. */
    public static Token generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The first line of a file, trimmed: the usual shape of a secret mounted as a file. */
    public static Token readFile(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("token file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("").trim();
        if (firstLine.isEmpty()) {
            throw new IOException("token file " + file + " is empty");
        }
        return new Token(firstLine);
    }

    /**
     * Compares in time independent of where the strings differ, and of their lengths: both sides
     * are hashed to fixed-size digests first, then compared with {@link MessageDigest#isEqual}.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "Token[hidden]";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
