package dev.pyprobe.reader.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/** GNU objdump as an oracle for decoding x86-64 code: the direct jumps it disassembles in a range. */
final class Objdump {
    /** {@code   5bfab5:\tjne    5bfb40 <...>}: a jump whose target objdump prints as an address. */
    private static final Pattern DIRECT_JUMP = Pattern.compile(
            "^\\s*[0-9a-f]+:\\s+(?:j[a-z]+|loop[a-z]*)\\s+([0-9a-f]+)(?:\\s.*)?$");

    private Objdump() {
    }

    /** The targets of the direct jumps (jmp, jcc, loop, jrcxz) in {@code range}, in code order. */
    static long[] directJumpTargets(Path file, CodeRange range) {
        LongStream.Builder targets = LongStream.builder();
        for (String line : run(file, range)) {
            Matcher m = DIRECT_JUMP.matcher(line);
            if (m.matches()) {
                targets.add(Long.parseUnsignedLong(m.group(1), 16));
            }
        }
        return targets.build().toArray();
    }

    private static String[] run(Path file, CodeRange range) {
        try {
            Process p = new ProcessBuilder("objdump", "-d", "--no-show-raw-insn", "--start-address=" + range.start(),
                    "--stop-address=" + range.end(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("objdump on " + file + " " + range + " failed");
            }
            return new String(out, StandardCharsets.UTF_8).split("\n");
        } catch (IOException e) {
            throw new AssertionError("cannot run objdump (binutils): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
