package dev.pyprobe.reader.proc;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** The few libc calls the reader makes, bound with JNA direct mapping (no per-call reflection). */
final class LibC {
    static final int EPERM = 1;
    static final int ESRCH = 3;
    static final int EFAULT = 14;
    static final int ENOSYS = 38;
    static final int EIO = 5;
    static final int ENOENT = 2;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENOTDIR = 20;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    /** ssize_t process_vm_readv(pid_t, const struct iovec*, unsigned long, const struct iovec*, unsigned long, unsigned long) */
    static native long process_vm_readv(int pid, Pointer local, long liovcnt, Pointer remote, long riovcnt, long flags);

    static native int kill(int pid, int sig);

    /** Every argument as a 64-bit integer: glibc's wrapper moves six full registers to the kernel. */
    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    static native int close(int fd);

    /** int prctl(int option, unsigned long arg2, ...): only the two-argument options are used. */
    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    static int errno() {
        return Native.getLastError();
    }
}
