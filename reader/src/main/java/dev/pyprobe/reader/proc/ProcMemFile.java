package dev.pyprobe.reader.proc;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.PermissionDeniedException;
import dev.pyprobe.reader.ProcessExitedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Memory access through {@code /proc/PID/mem}, for kernels or sandboxes (seccomp profiles) that
 * refuse process_vm_readv. One pread per range, so batches cost one call per request.
 */
final class ProcMemFile implements RemoteMemory {
    private final int pid;
    private final FileChannel channel;
    private long syscalls;

    ProcMemFile(int pid) {
        this.pid = pid;
        try {
            this.channel = FileChannel.open(Path.of("/proc", Integer.toString(pid), "mem"), StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new PermissionDeniedException(pid, "/proc/" + pid + "/mem");
        } catch (NoSuchFileException e) {
            throw new ProcessExitedException(pid);
        } catch (IOException e) {
            throw new MemoryReadException(0, 0, "cannot open /proc/" + pid + "/mem: " + e.getMessage());
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public synchronized void read(long address, byte[] dst, int offset, int length) {
        ByteBuffer buf = ByteBuffer.wrap(dst, offset, length);
        try {
            while (buf.hasRemaining()) {
                syscalls++;
                // A file position is signed: addresses above 2^63 cannot be read this way.
                if (address + buf.position() - offset < 0) {
                    throw new MemoryReadException(address, length, "address out of range");
                }
                int n = channel.read(buf, address + buf.position() - offset);
                if (n <= 0) {
                    throw new MemoryReadException(address, length, "not mapped");
                }
            }
        } catch (IOException e) {
            if (!Path.of("/proc", Integer.toString(pid)).toFile().exists()) {
                throw new ProcessExitedException(pid);
            }
            throw new MemoryReadException(address, length, "not mapped (" + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized long syscalls() {
        return syscalls;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to do: the descriptor is gone either way.
        }
    }
}
