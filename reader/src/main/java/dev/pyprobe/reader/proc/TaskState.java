package dev.pyprobe.reader.proc;

/**
 * What the kernel says a task (a thread, to the kernel) is doing, from the state letter of
 * {@code /proc/PID/task/TID/stat}; not CPython's thread state.
 */
public enum TaskState {
    RUNNING,
    SLEEPING,
    STOPPED,
    ZOMBIE,
    UNKNOWN;

    static TaskState fromLetter(char c) {
        switch (c) {
            case 'R':
                return RUNNING;
            case 'S':
            case 'D':
            case 'I':
                return SLEEPING;
            case 'T':
            case 't':
                return STOPPED;
            case 'Z':
            case 'X':
                return ZOMBIE;
            default:
                return UNKNOWN;
        }
    }

    /** Blocked in the kernel (a syscall such as a sleep, a lock wait or a read). */
    public boolean idle() {
        return this == SLEEPING || this == STOPPED;
    }
}
