package dev.pyprobe.server.dap.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives each Python thread ident (an unsigned 64-bit pthread_t) a small DAP thread id that stays
 * the same for the whole session: DAP thread ids are 32-bit and clients keep them across stops.
 * Ids are never reused, so a thread that exited cannot be confused with a newer one.
 */
public final class ThreadIdMap {
    private final Map<Long, Integer> idByIdent = new HashMap<>();
    private int lastId;

    /** The id of this ident, assigned on first sight. */
    public synchronized int idOf(long ident) {
        Integer id = idByIdent.get(ident);
        if (id == null) {
            if (lastId == Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 threads seen in one session");
            }
            id = ++lastId;
            idByIdent.put(ident, id);
        }
        return id;
    }
}
