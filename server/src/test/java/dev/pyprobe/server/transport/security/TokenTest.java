package dev.pyprobe.server.transport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenTest {
    @TempDir
    Path dir;

    @Test
    void matchesOnlyTheExactValue() {
        Token token = Token.of("abc123");
        assertThat(token.matches("abc123")).isTrue();
        assertThat(token.matches("abc12")).isFalse();
        assertThat(token.matches("abc1234")).isFalse();
        assertThat(token.matches("ABC123")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void generatesDistinctUrlSafeTokensOf256Bits() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String value = Token.generate(random).value();
            assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
            seen.add(value);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void readsTheFirstLineOfAFileTrimmed() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "  s3cret \nignored\n");
        assertThat(Token.readFile(file).matches("s3cret")).isTrue();
    }

    @Test
    void refusesAnEmptyOrOversizedFile() throws IOException {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> Token.readFile(empty)).hasMessageContaining("is empty");
        Path big = dir.resolve("big");
        Files.writeString(big, "x".repeat(5000));
        assertThatThrownBy(() -> Token.readFile(big)).hasMessageContaining("larger than");
    }

    @Test
    void neverShowsItsValueInToString() {
        assertThat(Token.of("hidden-value").toString()).doesNotContain("hidden-value");
    }
}
