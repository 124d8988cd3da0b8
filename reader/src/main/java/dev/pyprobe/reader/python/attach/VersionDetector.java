package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.NotPythonException;
import dev.pyprobe.reader.elf.ElfSection;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the exact version of the interpreter from its memory, never from file names alone, in
 * order of reliability: {@code _Py_DebugOffsets} (3.13+), {@code Py_Version} (3.11+), the
 * {@code sys.version} buffer named in {@code .symtab}, and a scan of {@code .bss} for that text.
 */
public final class VersionDetector {
    static final String DEBUG_COOKIE = "xdebugpy";
    private static final Pattern SYS_VERSION = Pattern.compile("([23])\\.(\\d{1,2})\\.(\\d{1,2})[a-z0-9+]* \\(");
    private static final int MAX_BSS_SCAN = 4 << 20;

    private final InterpreterBinary binary;
    private final RemoteMemory memory;

    public VersionDetector(InterpreterBinary binary, RemoteMemory memory) {
        this.binary = binary;
        this.memory = memory;
    }

    public PythonVersion detect() {
        return fromDebugOffsets()
                .or(this::fromPyVersion)
                .or(this::fromVersionBuffer)
                .or(this::fromBssScan)
                .orElseThrow(() -> new NotPythonException(memory.pid(),
                        "cannot find the interpreter's version in " + binary.path()));
    }

    private Optional<PythonVersion> fromDebugOffsets() {
        OptionalLong runtime = binary.symbol("_PyRuntime");
        if (runtime.isEmpty()) {
            return Optional.empty();
        }
        try {
            var b = memory.bytesAt(runtime.getAsLong(), 16);
            if (!DEBUG_COOKIE.equals(new String(b.slice(0, 8), StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(PythonVersion.fromHex(b.i64(8)));
        } catch (MemoryReadException e) {
            return Optional.empty();
        }
    }

    private Optional<PythonVersion> fromPyVersion() {
        return binary.symbol("Py_Version").stream().boxed().findFirst().flatMap(address -> {
            try {
                return Optional.of(PythonVersion.fromHex(memory.bytesAt(address, 4).u32(0)));
            } catch (MemoryReadException e) {
                return Optional.empty();
            }
        });
    }

    /** The static buffer Py_GetVersion() fills at start-up: {@code version.0} or {@code version}. */
    private Optional<PythonVersion> fromVersionBuffer() {
        for (String name : new String[] {"version.0", "version"}) {
            OptionalLong address = binary.symbol(name);
            if (address.isPresent()) {
                try {
                    Optional<PythonVersion> v = parse(memory.read(address.getAsLong(), 64));
                    if (v.isPresent()) {
                        return v;
                    }
                } catch (MemoryReadException ignored) {
                    // Fall through to the next way.
                }
            }
        }
        return Optional.empty();
    }

    /** Stripped binaries: look for the sys.version text in .bss, like the buffer above but unnamed. */
    private Optional<PythonVersion> fromBssScan() {
        Optional<ElfSection> bss = binary.section(".bss");
        if (bss.isEmpty()) {
            return Optional.empty();
        }
        try {
            int size = (int) Math.min(bss.get().size(), MAX_BSS_SCAN);
            return parse(memory.read(binary.runtimeAddress(bss.get()), size));
        } catch (MemoryReadException e) {
            return Optional.empty();
        }
    }

    private static Optional<PythonVersion> parse(byte[] raw) {
        Matcher m = SYS_VERSION.matcher(new String(raw, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }
}
