package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.proc.TaskIds;
import dev.pyprobe.reader.proc.TaskState;
import dev.pyprobe.reader.python.PythonThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Interpreter addresses by interpreter id, as the last listing found them: whose GIL refresh reads. */
    private final Map<Long, Long> interpreters = new ConcurrentHashMap<>();

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
            interpreters.put(ref.interpreterId(), ref.interpreter());
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

    /**
     * The threads of an earlier listing as they are now, for a sampler that cannot afford a whole
     * listing per sample: the GIL holder and each thread's kernel state are read again; thread
     * states, ids and names are kept. A thread whose task is gone is left out.
     */
    public List<PythonThread> refresh(List<PythonThread> known) {
        Map<Long, Long> holders = new HashMap<>();
        List<PythonThread> out = new ArrayList<>(known.size());
        for (PythonThread t : known) {
            TaskState state = t.nativeId() != 0 ? process.taskState(t.nativeId()) : TaskState.UNKNOWN;
            if (t.nativeId() != 0 && (state == TaskState.UNKNOWN || state == TaskState.ZOMBIE)) {
                continue;
            }
            Long interpreter = interpreters.get(t.interpreterId());
            long holder = interpreter == null ? 0 : holders.computeIfAbsent(interpreter, gil::holder);
            out.add(new PythonThread(t.ident(), t.nativeId(), t.namespaceTid(), t.name(), holder == t.stateAddress(),
                    t.nativeId() != 0 && state.idle(), t.interpreterId(), t.stateAddress()));
        }
        return out;
    }
}
