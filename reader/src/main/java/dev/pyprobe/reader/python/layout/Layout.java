package dev.pyprobe.reader.python.layout;

import java.util.List;
import java.util.Map;

/**
 * Where things are in one CPython version's memory. Instances come from {@code layouts.json}
 * (one entry per minor version) and, for 3.13+, are corrected with the target's own
 * {@code _Py_DebugOffsets}. Offsets are bytes; -1 means "this version has no such field".
 */
public record Layout(Anchor anchor, Gil gil, Interp interp, Thread thread, Frame frame, Code code,
                     Objects objects, Map<String, String> types, Trace trace, Asyncio asyncio) {

    /**
     * Where asyncio keeps its tasks and what they wait on, read through the objects of the C
     * {@code _asyncio} module and of {@code asyncio.tasks}; null for versions whose tasks are not
     * read this way.
     *
     * @param registryModule  the module whose globals hold the task registries
     * @param registries      globals of {@link #registryModule} holding tasks: a WeakSet (its {@code data}
     *                        set of weak references) or a set of tasks
     * @param threadTasksHead 3.14+: the list head ({@code llist_node}) of a thread state's C tasks; -1 before
     * @param interpreterTasksHead 3.14+: the list head of an interpreter's C tasks whose thread is gone; -1 before
     * @param taskNode        3.14+: the {@code llist_node} that links a C task into those lists; -1 before
     * @param futureCallback0 {@code fut_callback0}: the first done-callback of a C future
     * @param futureCallbacks {@code fut_callbacks}: a list of (callback, context) tuples, the callbacks after the first
     * @param futureState     {@code fut_state} (an int; 0 is pending)
     * @param futureLoop      {@code fut_loop}
     * @param taskFutWaiter   {@code task_fut_waiter}: the future the task's coroutine waits on
     * @param taskCoro        {@code task_coro}
     * @param taskName        {@code task_name}: a str, or an int N for the lazily named {@code Task-N}
     * @param weakrefObject   {@code wr_object} of a weak reference (None once the referent died)
     * @param functionClosure {@code func_closure}: a function's tuple of cells
     * @param callbackSelf    type name of a done-callback that is bound to an object, to the offset of
     *                        that object in it: a task's wakeup ({@code TaskWakeupMethWrapper.ww_task}
     *                        or a C method's {@code m_self}) or a Python bound method's {@code im_self}
     * @param frameInline     whether a coroutine's frame lies inside the coroutine object ({@code gi_iframe},
     *                        3.11+) rather than behind a pointer ({@code gi_frame})
     * @param coroutineFrame  offset of {@code gi_iframe} or of {@code gi_frame}
     * @param awaiting        when a coroutine is suspended in an {@code await}
     * @param awaited         where the object it awaits sits: the top of its frame's value stack
     */
    public record Asyncio(String registryModule, List<String> registries, int futureCallback0, int futureCallbacks,
                          int futureState, int futureLoop, int taskFutWaiter, int taskCoro, int taskName,
                          int weakrefObject, int functionClosure, Map<String, Integer> callbackSelf,
                          boolean frameInline, int coroutineFrame, AwaitingState awaiting, StackTop awaited,
                          int threadTasksHead, int interpreterTasksHead, int taskNode) {
    }

    /**
     * A coroutine waits in an {@code await} exactly when the integer of {@code size} bytes at
     * {@code offset} of its frame or of the coroutine object lies in [{@code min}, {@code max}]:
     * a frame state, a generator's frame state, or (3.8/3.9) an {@code f_lasti} past its start,
     * which tells a started coroutine from a created one whose stack is still empty.
     */
    public record AwaitingState(StatePlace in, int offset, int size, long min, long max) {
    }

    public enum StatePlace {
        FRAME,
        COROUTINE
    }

    /**
     * The top of a suspended frame's value stack.
     *
     * @param top  TOP_POINTER: the stack pointer's field; DEPTH_*: the field counting the slots in use
     * @param base   DEPTH_FROM_POINTER: the field pointing to the first slot; DEPTH_FROM_FRAME: the
     *               offset of the first slot in the frame (its depth counts from {@code localsplus})
     * @param tagged the slots are {@code _PyStackRef}s whose low two bits are tags (3.14+)
     * @param slotsAbove how many slots lie on top of the awaited object in a suspended frame (0
     *                   when it is the top slot; 1 where a NULL slot is kept above it); 0 when absent
     */
    public record StackTop(StackModel model, int top, int base, boolean tagged, int slotsAbove) {
    }

    public enum StackModel {
        /** {@code f_stacktop} (3.8, 3.9; NULL while the frame runs) or {@code stackpointer} (3.14) points past the top slot. */
        TOP_POINTER,
        /** {@code f_valuestack[f_stackdepth - 1]} (3.10). */
        DEPTH_FROM_POINTER,
        /** {@code localsplus[stacktop - 1]} (3.11-3.13). */
        DEPTH_FROM_FRAME
    }

    /** This layout without its uprobe places: for a newer version than it was made for, whose opcodes are renumbered. */
    public Layout withoutUprobe() {
        return new Layout(anchor, gil, interp, thread, frame, code, objects, types,
                new Trace(trace.evalLoop(), trace.usdtFunctionEntry(), null), asyncio);
    }

    /**
     * How the kernel can see this version's function calls.
     *
     * @param evalLoop          the function whose reads of the bytecode are instruction fetches (watchpoints)
     * @param usdtFunctionEntry what the {@code function__entry} USDT probe of a dtrace build does
     * @param uprobe            where a uprobe sees every function start; null when not known for this version
     */
    public record Trace(String evalLoop, UsdtEntry usdtFunctionEntry, Uprobe uprobe) {
    }

    public enum UsdtEntry {
        /**
         * Fires at every function start while its own semaphore is raised (the eval loop tests it
         * first), which the kernel does for as long as the probe's uprobe is placed (up to 3.10, 3.15).
         */
        FIRES,
        /** Fires only while the {@code line} probe's semaphore is raised (3.11's tracing dispatch path). */
        NEEDS_LINE_SEMAPHORE,
        /** Removed from this version (3.12-3.14, PEP 669; 3.15 restored entry and return). */
        ABSENT
    }

    public enum UprobeSite {
        /** The eval function's entry: every frame's first run, and every resumption (up to 3.10). */
        EVAL_ENTRY,
        /** The RESUME-family opcode handlers, reached through the computed-goto table (3.11+). */
        OPCODE_HANDLERS
    }

    /**
     * Where a uprobe sees every Python function start.
     *
     * @param frameArgument     EVAL_ENTRY: which integer argument of {@link Trace#evalLoop()} is the frame
     * @param throwflagArgument EVAL_ENTRY: which is the throwflag (non-zero: an exception thrown into a generator)
     * @param table             OPCODE_HANDLERS: the computed-goto table's symbol (a local symbol, so in .symtab only,
     *                          and with a compiler suffix such as {@code .0})
     * @param opcodes           OPCODE_HANDLERS: RESUME and its specialised and instrumented forms
     * @param instrBias         OPCODE_HANDLERS: bytes from the frame's instruction pointer to the current instruction
     *                          at the handler's first byte (2 where the frame keeps the previous instruction)
     */
    public record Uprobe(UprobeSite site, int frameArgument, int throwflagArgument, String table,
                         List<Integer> opcodes, int instrBias) {
    }

    /** How to find the first interpreter state. */
    public record Anchor(AnchorKind kind, String symbol, int interpretersHead) {
    }

    public enum AnchorKind {
        /** A static {@code PyInterpreterState *interp_head} (2.7, 3.6; in .symtab only). */
        INTERP_HEAD_SYMBOL,
        /** {@code _PyRuntime.interpreters.head} (3.7+). */
        RUNTIME_SYMBOL
    }

    /** How to tell which thread holds the GIL. */
    public record Gil(GilKind kind, String symbol, int pointer, int locked, int holder) {
    }

    public enum GilKind {
        /** A global current-thread pointer, non-NULL while some thread holds the GIL (2.7, 3.6). */
        CURRENT_THREAD_SYMBOL,
        /** {@code locked} and {@code last_holder} at offsets of {@code _PyRuntime} (3.7-3.11). */
        RUNTIME,
        /** The interpreter points to its GIL; {@code locked}/{@code holder} are offsets in it (3.12+). */
        INTERPRETER_POINTER
    }

    public record Interp(int next, int threadsHead, int modules, int id) {
    }

    /**
     * @param currentFrame offsets to follow from the thread state to the innermost frame: each but
     *                     the last is a pointer to dereference ({@code [56, 8]} = {@code tstate->cframe->current_frame})
     */
    public record Thread(int next, int interp, List<Integer> currentFrame, int threadId, int nativeThreadId, int size) {
    }

    public enum FrameModel {
        /** Heap {@code PyFrameObject}s linked by {@code f_back} (up to 3.10). */
        FRAME_OBJECT,
        /** {@code _PyInterpreterFrame}s on the thread's data stack linked by {@code previous} (3.11+). */
        INTERPRETER_FRAME
    }

    /**
     * Frame fields of both models; the fields of the other model are 0.
     *
     * @param lastiUnit          bytes per unit of {@code f_lasti} (2 in 3.10, which counts code units)
     * @param skipOwnersFrom     owner values at or above this are interpreter shim frames
     * @param taggedPointers     3.14 stores {@code _PyStackRef}s whose low two bits are tags
     */
    public record Frame(FrameModel model, int back, int previous, int code, int globals, int lasti, int lastiUnit,
                        int instrPtr, int owner, int skipOwnersFrom, int localsplus,
                        int size, boolean taggedPointers) {
        public int link() {
            return model == FrameModel.FRAME_OBJECT ? back : previous;
        }
    }

    /** @param framesize {@code co_framesize} (3.12+: the words of a frame running it); 0 where absent */
    public record Code(int argcount, int nlocals, int flags, int firstlineno, int bytecode, int varnames, int cellvars,
                       int freevars, int filename, int name, int qualname, int lineTable, String lineTableFormat,
                       int localsplusNames, int localsplusKinds, int nlocalsplus, int codeAdaptive, int firstTraceable,
                       int consts, int size, int framesize) {
    }

    /**
     * Where the builtin objects keep their parts. The models say how a kind of object is decoded
     * (which algorithm), the numbers say where its fields are, so a version that only moves fields
     * is one new entry in {@code layouts.json}.
     *
     * @param strings          how str (and Python 2 unicode) objects store their characters
     * @param strAsciiHeader   PEP393: {@code sizeof(PyASCIIObject)}, where a compact ASCII str's characters start
     * @param strCompactHeader PEP393: {@code sizeof(PyCompactUnicodeObject)}, where a compact non-ASCII str's
     *                         characters start (and where a legacy str keeps its pointer to them)
     * @param bytesData        offset of the first byte of a bytes object (Python 2's str keeps its state before)
     * @param ints             how int objects store their value
     * @param dict             how a dict stores its table
     * @param dictUsed         offset of {@code ma_used}, the number of items of a dict
     * @param dictValuesHeader bytes before the first value of a split table's values ({@code PyDictValues}, 3.13+)
     * @param attributes       where instance attributes live
     * @param cachedKeys       offset of {@code ht_cached_keys} in a heap type (the keys its instances share)
     * @param tupleItems       offset of a tuple's item pointers ({@code ob_item})
     * @param listItems        offset of a list's pointer to its item pointers ({@code ob_item})
     * @param setModel         how a set stores its table
     * @param setEntryKey      offset of the key in a set table's entry
     * @param cellContents     offset of a cell's {@code ob_ref}
     * @param wrappedCallable  offset of a classmethod's {@code cm_callable} (and a staticmethod's {@code sm_callable})
     * @param functionCode     offset of {@code func_code} in a function object
     * @param moduleDict       offset of {@code md_dict} in a module object
     * @param typeDict         offset of {@code tp_dict} in a type object
     * @param reprStyle        how the version's {@code repr()} writes values
     */
    public record Objects(StringModel strings, int strAsciiHeader, int strCompactHeader, int bytesData,
                          IntModel ints, DictModel dict, int dictUsed, int dictValuesHeader,
                          AttributeModel attributes, int cachedKeys, int tupleItems, int listItems,
                          SetModel setModel, int setEntryKey, int cellContents, int wrappedCallable,
                          int functionCode, int moduleDict, int typeDict, ReprStyle reprStyle) {
    }

    public enum StringModel {
        /** Python 2: str is a bytes object; unicode points to a UCS4 buffer. */
        PY2,
        /** PEP 393 (3.3+): 1, 2 or 4 bytes a character, right after the header for compact strings. */
        PEP393
    }

    public enum IntModel {
        /** Python 2: a machine-word {@code PyIntObject} (bool too) beside the arbitrary-precision long. */
        PY2,
        /** {@code ob_size} holds the digit count with the sign (up to 3.11). */
        OB_SIZE,
        /** {@code lv_tag} holds the digit count shifted by 3 and the sign in its low bits (3.12+). */
        LV_TAG
    }

    public enum DictModel {
        /** An open-addressed table of {hash, key, value} (2.7). */
        DICT_27,
        /** A keys object with an index array sized by {@code dk_size}, then the entries (3.6-3.10). */
        DICT_36,
        /** A keys object with {@code dk_log2_index_bytes} of indices, general or str-only entries (3.11+). */
        DICT_311
    }

    public enum AttributeModel {
        /** In the dict at the type's {@code tp_dictoffset}. */
        DICT_OFFSET,
        /** A managed dict pointer, or values split from the type's cached keys, before the object (3.11). */
        MANAGED_311,
        /** One word before the object: a dict, or a tagged pointer to split values (3.12). */
        MANAGED_312,
        /** Values inline after the object's fixed part, or a managed dict (3.13+). */
        INLINE_313
    }

    public enum SetModel {
        /** Entries are {hash, key}; a deleted slot holds the str {@code "<dummy key>"} (2.7). */
        SET_27,
        /** Entries are {key, hash}; a deleted slot holds a dummy object of its own type (3.x). */
        SET_3
    }

    public enum ReprStyle {
        /** {@code u'...'} text, {@code '...'} bytes, longs with {@code L}, {@code set([...])}. */
        PY2,
        /** {@code '...'} text, {@code b'...'} bytes, {@code {...}} sets. */
        PY3
    }
}
