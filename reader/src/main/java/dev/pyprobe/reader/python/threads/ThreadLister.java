package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.proc.TaskIds;
import dev.pyprobe.reader.python.PythonThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every Python thread of the target as the API shows it: its thread state, with the GIL holder,
 * kernel TID (the host's, and for a target in a container the one it sees itself by), name from
 * {@code threading}, and whether the kernel has it waiting.
 */
public final class ThreadLister {
    private final TargetProcess process;
    private final ThreadStateWalker walker;
    private final GilHolder gil;
    private final ThreadNames names;
    private final NativeThreadIds nativeIds;
    private final TaskIds taskIds;

    public ThreadLister(TargetProcess process, ThreadStateWalker walker, GilHolder gil, ThreadNames names,
                        NativeThreadIds nativeIds, TaskIds taskIds) {
        this.process = process;
        this.walker = walker;
        this.gil = gil;
        this.names = names;
        this.nativeIds = nativeIds;
        this.taskIds = taskIds;
    }

    /** One pass over the thread states; it fails if they change under it (the caller reads again). */
    public List<PythonThread> list() {
        List<ThreadStateRef> refs = walker.threads();
        taskIds.refresh();
        Set<Integer> ownIds = null; // listed only for versions that do not store the TID
        List<PythonThread> out = new ArrayList<>(refs.size());
        Map<Long, Long> holders = new HashMap<>();
        for (ThreadStateRef ref : refs) {
            long holder = holders.computeIfAbsent(ref.interpreter(), gil::holder);
            if (ref.nativeId() == 0 && ownIds == null) {
                ownIds = taskIds.ownIds();
            }
            // The target's own id for the thread (what gettid() returned in it), then ours.
            int ownId = ref.nativeId() != 0 ? ref.nativeId() : nativeIds.tidOf(ref.ident(), ownIds);
            int tid = ownId != 0 ? taskIds.hostTid(ownId) : 0;
            int namespaceTid = taskIds.ownNamespace() ? ownId : 0;
            boolean idle = tid != 0 && process.taskState(tid).idle();
            out.add(new PythonThread(ref.ident(), tid, namespaceTid, names.name(ref.interpreter(), ref.ident()),
                    holder == ref.address(), idle, ref.interpreterId(), ref.address()));
        }
        return out;
    }
}
