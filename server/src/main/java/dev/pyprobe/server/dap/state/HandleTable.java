package dev.pyprobe.server.dap.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Positive int handles for objects the client refers to later (frames, variable containers,
 * sources). Handle n is the n-th object registered; {@link #clear()} invalidates every handle
 * handed out so far, and handles are not reused afterwards, so a stale handle from before the
 * clear is recognised as stale rather than silently pointing at a new object.
 */
public final class HandleTable<T> {
    private final List<T> objects = new ArrayList<>();
    private int firstValid = 1;

    public synchronized int register(T object) {
        if (object == null) {
            throw new IllegalArgumentException("null cannot have a handle");
        }
        long next = (long) firstValid + objects.size();
        if (next > Integer.MAX_VALUE) {
            throw new IllegalStateException("handle space exhausted");
        }
        objects.add(object);
        return (int) next;
    }

    public synchronized Optional<T> get(int handle) {
        int index = handle - firstValid;
        if (handle <= 0 || index < 0 || index >= objects.size()) {
            return Optional.empty();
        }
        return Optional.of(objects.get(index));
    }

    public synchronized void clear() {
        firstValid += objects.size();
        objects.clear();
    }
}
