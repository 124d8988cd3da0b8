package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.PythonThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every Python thread of the target as the API shows it: its thread state, with the GIL holder,
 * kernel TID, name from {@code threading}, and whether the kernel has it waiting.
 */
public final class ThreadLister {
    private final TargetProcess process;
    private final ThreadStateWalker walker;
    private final GilHolder gil;
    private final ThreadNames names;
    private final NativeThreadIds nativeIds;

    public ThreadLister(TargetProcess process, ThreadStateWalker walker, GilHolder gil, ThreadNames names,
                        NativeThreadIds nativeIds) {
        this.process = process;
        this.walker = walker;
        this.gil = gil;
        this.names = names;
        this.nativeIds = nativeIds;
    }

    /** One pass over the thread states; it fails if they change under it (the caller reads again). */
    public List<PythonThread> list() {
        List<ThreadStateRef> refs = walker.threads();
        Set<Integer> tasks = new HashSet<>(); // listed only for versions that do not store the TID
        List<PythonThread> out = new ArrayList<>(refs.size());
        Map<Long, Long> holders = new HashMap<>();
        for (ThreadStateRef ref : refs) {
            long holder = holders.computeIfAbsent(ref.interpreter(), gil::holder);
            if (ref.nativeId() == 0 && tasks.isEmpty()) {
                tasks.addAll(process.tasks());
            }
            int tid = ref.nativeId() != 0 ? ref.nativeId() : nativeIds.tidOf(ref.ident(), tasks);
            boolean idle = tid != 0 && process.taskState(tid).idle();
            out.add(new PythonThread(ref.ident(), tid, names.name(ref.interpreter(), ref.ident()), holder == ref.address(),
                    idle, ref.interpreterId(), ref.address()));
        }
        return out;
    }
}
