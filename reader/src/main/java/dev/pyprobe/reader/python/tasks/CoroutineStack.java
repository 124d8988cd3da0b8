package dev.pyprobe.reader.python.tasks;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.frames.FrameReads;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.TypeCache;
import dev.pyprobe.reader.python.objects.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The coroutine stack of a task: its coroutine, the coroutine that one awaits ({@code cr_await}),
 * and so on down to the first awaited object that is not a coroutine (a future, a task). A
 * suspended coroutine's frame has no caller: each frame is read on its own, and the chain comes
 * from the coroutines, as {@code cr_await} finds it: the top of the value stack of a frame
 * suspended in an {@code await}.
 */
final class CoroutineStack {
    /** {@code tp_name} of {@code PyCoro_Type}, a static (non-heap) type. */
    private static final String COROUTINE_TYPE = "coroutine";
    /** Deeper than any real await chain: a longer one is garbage. */
    static final int MAX_DEPTH = 1024;
    /** The tag bits of a {@code _PyStackRef}. */
    private static final long STACKREF_TAGS = 3;
    /** More value-stack slots than a frame has: a larger depth is garbage. */
    private static final int MAX_STACK_SLOTS = 1 << 20;

    private final RemoteMemory memory;
    private final TypeCache types;
    private final FrameReads frames;
    private final Layout.Asyncio layout;

    CoroutineStack(RemoteMemory memory, TypeCache types, FrameReads frames, Layout.Asyncio layout) {
        this.memory = memory;
        this.types = types;
        this.frames = frames;
        this.layout = layout;
    }

    /** The frames of {@code coroutine} and of the coroutines it awaits, innermost first. */
    List<PythonFrame> read(long coroutine) {
        List<PythonFrame> outermostFirst = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long current = coroutine;
        while (isCoroutine(current)) {
            if (!seen.add(current) || seen.size() > MAX_DEPTH) {
                throw new InconsistentStateException(String.format("await chain loops (or runs past %d) at 0x%x",
                        MAX_DEPTH, current));
            }
            long frame = frameOf(current);
            if (frame == 0) {
                break; // finished: no frame left
            }
            frames.frameAt(frame).ifPresent(outermostFirst::add);
            current = awaiting(current, frame) ? awaited(frame) : 0;
        }
        Collections.reverse(outermostFirst);
        return outermostFirst;
    }

    private boolean isCoroutine(long object) {
        if (object == 0) {
            return false;
        }
        TypeInfo type = types.typeOf(object);
        return !type.isHeapType() && type.name().equals(COROUTINE_TYPE);
    }

    private long frameOf(long coroutine) {
        long field = coroutine + layout.coroutineFrame();
        return layout.frameInline() ? field : memory.readLong(field);
    }

    /** Whether the coroutine is suspended in an await (not created, running or finished). */
    private boolean awaiting(long coroutine, long frame) {
        Layout.AwaitingState state = layout.awaiting();
        long base = state.in() == Layout.StatePlace.FRAME ? frame : coroutine;
        RemoteBytes bytes = memory.bytesAt(base + state.offset(), state.size());
        long value = state.size() == 1 ? bytes.i8(0) : bytes.i32(0);
        return value >= state.min() && value <= state.max();
    }

    /** The object a suspended frame's value stack holds at the top (or below the slots the layout says lie above it): what it awaits. */
    private long awaited(long frame) {
        Layout.StackTop top = layout.awaited();
        switch (top.model()) {
            case TOP_POINTER: {
                long pointer = memory.readLong(frame + top.top());
                return pointer == 0 ? 0 : untag(memory.readLong(pointer - 8L * (1 + top.slotsAbove())));
            }
            case DEPTH_FROM_POINTER:
                return untag(slot(memory.readLong(frame + top.base()), depth(frame, top) - top.slotsAbove()));
            case DEPTH_FROM_FRAME:
                return untag(slot(frame + top.base(), depth(frame, top) - top.slotsAbove()));
            default:
                throw new IllegalStateException("unknown stack model " + top.model());
        }
    }

    private long untag(long slot) {
        return layout.awaited().tagged() ? slot & ~STACKREF_TAGS : slot;
    }

    private int depth(long frame, Layout.StackTop top) {
        int depth = memory.bytesAt(frame + top.top(), 4).i32(0);
        if (depth > MAX_STACK_SLOTS) {
            throw new InconsistentStateException(String.format("frame 0x%x has %d stack slots", frame, depth));
        }
        return depth;
    }

    private long slot(long first, int depth) {
        return depth <= 0 || first == 0 ? 0 : memory.readLong(first + (depth - 1) * 8L);
    }
}
