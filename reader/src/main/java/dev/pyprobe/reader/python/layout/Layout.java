package dev.pyprobe.reader.python.layout;

import java.util.List;
import java.util.Map;

/**
 * Where things are in one CPython version's memory. Instances come from {@code layouts.json}
 * (one entry per minor version) and, for 3.13+, are corrected with the target's own
 * {@code _Py_DebugOffsets}. Offsets are bytes; -1 means "this version has no such field".
 */
public record Layout(Anchor anchor, Gil gil, Interp interp, Thread thread, Frame frame, Code code,
                     Objects objects, Map<String, String> types, Trace trace) {

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
        /** Fires at every function start. */
        FIRES,
        /** Fires only while the {@code line} probe's semaphore is raised (3.11's tracing dispatch path). */
        NEEDS_LINE_SEMAPHORE,
        /** Removed from this version (3.12-3.14, PEP 669). */
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

    public record Code(int argcount, int nlocals, int flags, int firstlineno, int bytecode, int varnames, int cellvars,
                       int freevars, int filename, int name, int qualname, int lineTable, String lineTableFormat,
                       int localsplusNames, int localsplusKinds, int nlocalsplus, int codeAdaptive, int firstTraceable,
                       int consts, int size) {
    }

    /**
     * @param strings    the string model: PY2 (str is bytes, unicode is UCS4), PEP393_311 or PEP393_312
     * @param ints       PY2 (PyIntObject + long), OB_SIZE (signed digit count), LV_TAG (3.12+)
     * @param dict       DICT_27, DICT_36, DICT_311 or DICT_313 (split values behind a header)
     * @param attributes where instance attributes live: DICT_OFFSET, MANAGED_311, MANAGED_312, INLINE_313
     * @param functionCode offset of {@code func_code} in a function object
     * @param typeDict     offset of {@code tp_dict} in a type object
     */
    public record Objects(String strings, String ints, String dict, String attributes, int tupleItems,
                          String setModel, int moduleDict, int cachedKeys, int functionCode, int typeDict) {
    }
}
