package dev.pyprobe.reader.python.sampling;

import dev.pyprobe.reader.python.PythonThread;

/** Which threads a sample takes. */
public enum SampleMode {
    /** Every thread that is not blocked in the kernel; with idle threads, every thread. */
    WALL {
        @Override
        boolean takes(PythonThread thread, boolean includeIdle) {
            return includeIdle || !thread.idle();
        }
    },
    /** Only threads the kernel shows running (on a CPU or ready for one). */
    CPU {
        @Override
        boolean takes(PythonThread thread, boolean includeIdle) {
            return !thread.idle();
        }
    },
    /** Only the thread that holds the GIL. */
    GIL {
        @Override
        boolean takes(PythonThread thread, boolean includeIdle) {
            return thread.holdsGil();
        }
    };

    abstract boolean takes(PythonThread thread, boolean includeIdle);

    /** Whether {@link #takes} looks at a thread's GIL or idle state, which must then be read per sample. */
    boolean needsThreadStates(boolean includeIdle) {
        return this != WALL || !includeIdle;
    }
}
