package dev.pyprobe.reader.proc;

import dev.pyprobe.reader.NoSuchProcessException;
import dev.pyprobe.reader.PermissionDeniedException;
import dev.pyprobe.reader.ProcessExitedException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A live process seen through {@code /proc}: its maps, executable, file-system root, tasks and
 * memory. Paths are given as the target names them, and its files are reached through
 * {@code /proc/PID/root}, so that a target in a container (another root, another mount namespace)
 * is read from its own files.
 */
public final class TargetProcess implements AutoCloseable {
    private final int pid;
    private final Path procDir;
    private final RemoteMemory memory;
    private final TargetFiles files;

    private TargetProcess(int pid, RemoteMemory memory) {
        this.pid = pid;
        this.procDir = Path.of("/proc", Integer.toString(pid));
        this.memory = memory;
        this.files = TargetFiles.rootedAt(procDir.resolve("root"));
    }

    /** Opens the process: fails with a clear error if it does not exist or cannot be read. */
    public static TargetProcess open(int pid) {
        Path dir = Path.of("/proc", Integer.toString(pid));
        if (pid <= 0 || !Files.isDirectory(dir)) {
            throw new NoSuchProcessException(pid);
        }
        TargetProcess p = new TargetProcess(pid, openMemory(pid));
        p.maps(); // fails early with a clear error when /proc/PID is not ours to read
        return p;
    }

    private static RemoteMemory openMemory(int pid) {
        ProcessVmMemory vm = new ProcessVmMemory(pid);
        try {
            vm.probe(firstReadableAddress(pid));
            return vm;
        } catch (PermissionDeniedException e) {
            vm.close();
            // A seccomp profile may forbid process_vm_readv while /proc/PID/mem stays readable.
            return new ProcMemFile(pid);
        } catch (RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    private static long firstReadableAddress(int pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Integer.toString(pid), "maps"))) {
            return lines.map(Mapping::parse).filter(Mapping::readable).findFirst().map(Mapping::start).orElse(0L);
        } catch (AccessDeniedException e) {
            throw new PermissionDeniedException(pid, "/proc/" + pid + "/maps");
        } catch (NoSuchFileException e) {
            throw new NoSuchProcessException(pid);
        } catch (IOException | RuntimeException e) {
            return 0L;
        }
    }

    public int pid() {
        return pid;
    }

    public RemoteMemory memory() {
        return memory;
    }

    /**
     * Whether the process still runs: not a zombie, and still with an address space (an exiting
     * process loses its memory before /proc shows it as a zombie).
     */
    public boolean isAlive() {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            if (TaskState.fromLetter(stateLetter(stat)) == TaskState.ZOMBIE) {
                return false;
            }
            try (Stream<String> maps = Files.lines(procDir.resolve("maps"))) {
                return maps.findAny().isPresent();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The mappings, with file paths as the target names them. */
    public MemoryMap maps() {
        TargetRoot root = TargetRoot.of(procDir);
        return new MemoryMap(MemoryMap.parse(readLines("maps")).mappings().stream()
                .map(m -> m.withPath(root.nameInTarget(m.path()))).toList());
    }

    /** The executable's path as the target sees it (from its own root, in its own mount namespace). */
    public String exePath() {
        try {
            String link = Files.readSymbolicLink(procDir.resolve("exe")).toString();
            String target = TargetRoot.of(procDir).nameInTarget(link);
            return target.endsWith(" (deleted)") ? target.substring(0, target.length() - 10) : target;
        } catch (AccessDeniedException e) {
            throw new PermissionDeniedException(pid, "/proc/" + pid + "/exe");
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /**
     * A path of the target's file system, made readable from here through /proc/PID/root: for the
     * paths of {@link #maps()} and {@link #exePath()}, which /proc gives with every symbolic link
     * resolved. A name read from the target's memory may hold symbolic links that lead elsewhere
     * from our root than from the target's: open those with {@link #files()}.
     */
    public Path hostPath(String pathInTarget) {
        String relative = pathInTarget.startsWith("/") ? pathInTarget.substring(1) : pathInTarget;
        return procDir.resolve("root").resolve(relative);
    }

    /** The target's files by the names it uses, resolved inside its root. */
    public TargetFiles files() {
        return files;
    }

    /** Command line, arguments joined with spaces. */
    public String commandLine() {
        try {
            byte[] raw = Files.readAllBytes(procDir.resolve("cmdline"));
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** The kernel thread ids of every task of the process, as /proc names them (host TIDs). */
    public List<Integer> tasks() {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> s = Files.list(procDir.resolve("task"))) {
            s.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException e) {
            throw gone(e);
        }
        tids.sort(null);
        return tids;
    }

    /** The state of task {@code tid}, a host TID (see {@link TaskIds}); UNKNOWN when it cannot be read. */
    public TaskState taskState(int tid) {
        try {
            return TaskState.fromLetter(stateLetter(Files.readString(procDir.resolve("task/" + tid + "/stat"))));
        } catch (IOException | RuntimeException e) {
            return TaskState.UNKNOWN;
        }
    }

    /** User id owning the process (real uid from /proc/PID/status). */
    public int uid() {
        for (String line : readLines("status")) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        throw new ProcessExitedException(pid);
    }

    private static char stateLetter(String stat) {
        // The command name may contain spaces and parentheses: the state follows the last ')'.
        int close = stat.lastIndexOf(')');
        return stat.charAt(close + 2);
    }

    private List<String> readLines(String name) {
        try {
            return Files.readAllLines(procDir.resolve(name));
        } catch (AccessDeniedException e) {
            throw new PermissionDeniedException(pid, "/proc/" + pid + "/" + name);
        } catch (IOException e) {
            throw gone(e);
        }
    }

    private RuntimeException gone(IOException e) {
        if (!Files.isDirectory(procDir)) {
            return new ProcessExitedException(pid);
        }
        if (e instanceof AccessDeniedException) {
            return new PermissionDeniedException(pid, e.getMessage());
        }
        return new ProcessExitedException(pid);
    }

    @Override
    public void close() {
        files.close();
        memory.close();
    }
}
