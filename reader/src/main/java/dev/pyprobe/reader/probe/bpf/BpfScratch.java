package dev.pyprobe.reader.probe.bpf;

import dev.pyprobe.reader.probe.perf.Kernel;

/**
 * A buffer of fixed size per CPU in the kernel, where a program assembles a record bigger than
 * its 512-byte stack before writing it out: a BPF array with an entry per possible CPU, which
 * the program looks up by {@code bpf_get_smp_processor_id()} (a per-CPU array would do the same,
 * but its values are limited to 32 KiB). A program runs to its end on one CPU before that CPU
 * runs it again, so the CPU's buffer is its own.
 */
final class BpfScratch implements AutoCloseable {
    private final int fd;
    private final int bytes;
    private boolean closed;

    private BpfScratch(int fd, int bytes) {
        this.fd = fd;
        this.bytes = bytes;
    }

    static BpfScratch of(int bytes) {
        int cpus = BpfOutput.possibleCpus();
        return new BpfScratch(BpfMapCalls.create(BpfMapCalls.TYPE_ARRAY, 4, bytes, cpus,
                "a BPF array of " + cpus + " buffers of " + bytes + " bytes"), bytes);
    }

    int fd() {
        return fd;
    }

    int bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Kernel.close(fd);
        }
    }
}
