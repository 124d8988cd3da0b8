package dev.pyprobe.server.dap.state;

import dev.pyprobe.reader.proc.TargetFile;
import dev.pyprobe.reader.proc.TargetFiles;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourcePresentationHint;

/**
 * Describes the target's source files to the client and serves their text. A file the client can
 * open itself (same file at the same path on this machine, client on this machine) is given by
 * path; any other file gets a {@code sourceReference} so the client asks for its text, read from
 * the target's own file system (which differs from ours when the target runs in a container: its
 * names are resolved inside its root, never to a file of ours with the same name).
 * Only files described here are ever served: the {@code source} request is not a way to read
 * arbitrary files of this machine.
 */
public final class SourceRegistry {
    static final long MAX_SOURCE_BYTES = 16L << 20;

    private final TargetFiles files;
    private final boolean clientIsRemote;
    private final HandleTable<String> references = new HandleTable<>();
    private final Map<String, Source> byPath = new HashMap<>();

    /**
     * @param files          the target's file system
     * @param clientIsRemote the client does not share this machine's files
     */
    public SourceRegistry(TargetFiles files, boolean clientIsRemote) {
        this.files = files;
        this.clientIsRemote = clientIsRemote;
    }

    /**
     * The source file of a module file: Python 2 reports {@code __file__} as the {@code .pyc} it
     * loaded; the {@code .py} beside it is what a user wants to see.
     */
    public String sourceFileOf(String moduleFile) {
        if (moduleFile.endsWith(".pyc") || moduleFile.endsWith(".pyo")) {
            String py = moduleFile.substring(0, moduleFile.length() - 1);
            if (isRegularFile(py)) {
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
        try (TargetFile inTarget = files.open(file)) {
            if (!Files.isRegularFile(inTarget.path())) {
                notFound(source);
            } else if (clientIsRemote || !sameFileHere(file, inTarget.path())) {
                source.setSourceReference(references.register(file));
                source.setOrigin("read from the target's file system");
            }
        } catch (IOException e) {
            notFound(source);
        }
        return source;
    }

    private static void notFound(Source source) {
        source.setPresentationHint(SourcePresentationHint.DEEMPHASIZE);
        source.setOrigin("file not found in the target's file system");
    }

    private boolean isRegularFile(String file) {
        try (TargetFile inTarget = files.open(file)) {
            return Files.isRegularFile(inTarget.path());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the client, on this machine, would open the target's very file at that path. */
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
        try (TargetFile inTarget = files.open(file)) {
            // Checked on the open file itself: a FIFO named like a source file would block a read.
            if (!Files.isRegularFile(inTarget.path())) {
                throw new DapException(ErrorCode.NO_SOURCE,
                        file + " is not a regular file in the target's file system.");
            }
            long size = Files.size(inTarget.path());
            if (size > MAX_SOURCE_BYTES) {
                throw new DapException(ErrorCode.NO_SOURCE, file + " has " + size + " bytes; pyprobe serves "
                        + "source files up to " + MAX_SOURCE_BYTES + " bytes.");
            }
            // Undecodable bytes become U+FFFD: a wrong character beats no source at all.
            return new String(Files.readAllBytes(inTarget.path()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DapException(ErrorCode.NO_SOURCE, "Cannot read " + file + " from the target's file system: "
                    + why(e));
        }
    }

    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private static String baseName(String file) {
        int slash = file.lastIndexOf('/');
        return slash >= 0 && slash < file.length() - 1 ? file.substring(slash + 1) : file;
    }
}
