package dev.pyprobe.server.dap.state;

import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;

/**
 * Describes the target's source files to the client and serves their text. A file the client can
 * open itself (same file at the same path on this machine, client on this machine) is given by
 * path; any other file gets a {@code sourceReference} so the client asks for its text, read from
 * the target's own file system (which differs from ours when the target runs in a container).
 * Only files described here are ever served: the {@code source} request is not a way to read
 * arbitrary files of this machine.
 */
public final class SourceRegistry {
    static final long MAX_SOURCE_BYTES = 16L << 20;

    private final Function<String, Path> hostPath;
    private final boolean clientIsRemote;
    private final HandleTable<String> references = new HandleTable<>();
    private final Map<String, Source> byPath = new HashMap<>();

    /**
     * @param hostPath       maps a path of the target's file system to one readable here
     * @param clientIsRemote the client does not share this machine's files
     */
    public SourceRegistry(Function<String, Path> hostPath, boolean clientIsRemote) {
        this.hostPath = hostPath;
        this.clientIsRemote = clientIsRemote;
    }

    /**
     * The source file of a module file: Python 2 reports {@code __file__} as the {@code .pyc} it
     * loaded; the {@code .py} beside it is what a user wants to see.
     */
    public String sourceFileOf(String moduleFile) {
        if (moduleFile.endsWith(".pyc") || moduleFile.endsWith(".pyo")) {
            String py = moduleFile.substring(0, moduleFile.length() - 1);
            if (Files.isRegularFile(hostPath.apply(py))) {
                return py;
            }
        }
        return moduleFile;
    }

    /** The DAP source for a {@code co_filename} of the target. */
    public synchronized Source describe(String file) {
        return byPath.computeIfAbsent(file, this::newSource);
    }

    private Source newSource(String file) {
        Source source = new Source();
        source.setName(baseName(file));
        if (file.isEmpty() || file.startsWith("<")) {
            // <frozen ...>, <string>, <stdin>: code without a file.
            source.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
            source.setOrigin("no source file");
            return source;
        }
        source.setPath(file);
        Path inTarget = hostPath.apply(file);
        if (!Files.isRegularFile(inTarget)) {
            source.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
            source.setOrigin("file not found in the target's file system");
        } else if (clientIsRemote || !sameFileHere(file, inTarget)) {
            source.setSourceReference(references.register(file));
            source.setOrigin("read from the target's file system");
        }
        return source;
    }

    private static boolean sameFileHere(String file, Path inTarget) {
        try {
            return Files.isSameFile(Path.of(file), inTarget);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The text of a described file, by reference or (reference 0) by path.
     *
     * @throws DapException when the file was never described, is gone or is too large
     */
    public String content(int sourceReference, String path) {
        String file;
        if (sourceReference > 0) {
            file = references.get(sourceReference).orElseThrow(() -> new DapException(ErrorCode.STALE_REFERENCE,
                    "Unknown sourceReference " + sourceReference + " (not handed out in this session)."));
        } else {
            synchronized (this) {
                if (path == null || !byPath.containsKey(path)) {
                    throw new DapException(ErrorCode.NO_SOURCE, "pyprobe serves only the source files of the "
                            + "attached process's frames and loaded modules; " + path + " is not one of them.");
                }
            }
            file = path;
        }
        return read(file);
    }

    private String read(String file) {
        Path inTarget = hostPath.apply(file);
        try {
            long size = Files.size(inTarget);
            if (size > MAX_SOURCE_BYTES) {
                throw new DapException(ErrorCode.NO_SOURCE, file + " has " + size + " bytes; pyprobe serves "
                        + "source files up to " + MAX_SOURCE_BYTES + " bytes.");
            }
            // Undecodable bytes become U+FFFD: a wrong character beats no source at all.
            return new String(Files.readAllBytes(inTarget), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DapException(ErrorCode.NO_SOURCE, "Cannot read " + file + " from the target's file system ("
                    + inTarget + "): " + e.getMessage());
        }
    }

    private static String baseName(String file) {
        int slash = file.lastIndexOf('/');
        return slash >= 0 && slash < file.length() - 1 ? file.substring(slash + 1) : file;
    }
}
