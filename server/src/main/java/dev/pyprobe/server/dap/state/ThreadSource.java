package dev.pyprobe.server.dap.state;

import dev.pyprobe.server.dap.DapException;
import java.util.List;
import java.util.Optional;

/** One kind of thread the client is shown: what it shows now, and where each of its ids went. */
public interface ThreadSource {

    /** Its threads shown now, in the order the Call Stack lists them. */
    List<ShownThread> threads();

    default Optional<ShownThread> find(int threadId) {
        return threads().stream().filter(t -> t.id() == threadId).findFirst();
    }

    /**
     * Why {@code threadId}, which this source showed once, is not shown any more; empty for an id
     * it never gave out (or one whose going needs no word of its own).
     */
    default Optional<DapException> gone(int threadId) {
        return Optional.empty();
    }
}
