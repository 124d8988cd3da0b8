package dev.pyprobe.reader.python;

/**
 * One Python thread state of the target.
 *
 * @param ident        {@code threading.get_ident()} (the pthread_t), unsigned 64-bit
 * @param nativeId     the kernel TID as the host (this reader's /proc) names it, or 0 when it cannot
 *                     be known
 * @param namespaceTid the thread's id inside the target's own PID namespace when it runs in one (a
 *                     container: the id the target itself sees and stores), else 0
 * @param name         the name {@code threading} gives it, or null if it has none
 * @param holdsGil     whether this thread holds the GIL at the moment it was read
 * @param idle         whether the kernel reports the thread blocked (sleeping in a system call)
 * @param interpreterId which interpreter it belongs to (0 for the main interpreter)
 * @param stateAddress address of its {@code PyThreadState}
 */
public record PythonThread(long ident, int nativeId, int namespaceTid, String name, boolean holdsGil, boolean idle,
                           long interpreterId, long stateAddress) {

    /** The name to show: the threading name, else a generic one derived from the ident. */
    public String displayName() {
        return name != null ? name : "Thread-" + Long.toUnsignedString(ident);
    }
}
