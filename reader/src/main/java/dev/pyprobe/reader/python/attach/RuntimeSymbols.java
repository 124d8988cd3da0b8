package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.NotPythonException;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import dev.pyprobe.reader.python.objects.BuiltinKind;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** The addresses the reader starts from, resolved once through the interpreter binary's symbols. */
public final class RuntimeSymbols {
    private final InterpreterBinary binary;
    private final Layout layout;
    private final int pid;

    public RuntimeSymbols(InterpreterBinary binary, Layout layout, int pid) {
        this.binary = binary;
        this.layout = layout;
        this.pid = pid;
    }

    /** {@code _PyRuntime}, or 0 for versions before 3.7. */
    public long runtime() {
        return binary.symbol("_PyRuntime").orElse(0);
    }

    /** Reads the current head of the interpreter list each time it is called. */
    public LongSupplier interpreterHead(RemoteMemory memory) {
        Layout.Anchor anchor = layout.anchor();
        long address = required(anchor.symbol());
        long slot = anchor.kind() == Layout.AnchorKind.RUNTIME_SYMBOL ? address + anchor.interpretersHead() : address;
        return () -> memory.readLong(slot);
    }

    /** Address of each builtin type (and of None), for telling builtins from look-alikes. */
    public Map<Long, BuiltinKind> builtins() {
        Map<Long, BuiltinKind> out = new HashMap<>();
        layout.types().forEach((symbol, kind) -> binary.symbol(symbol)
                .ifPresent(address -> out.put(address, BuiltinKind.valueOf(kind))));
        return out;
    }

    public long codeType() {
        return binary.symbol("PyCode_Type").orElse(0);
    }

    /** The current-thread global used to find the GIL holder, where the version has one. */
    public long gilSymbol() {
        String symbol = layout.gil().symbol();
        return symbol == null ? 0 : binary.symbol(symbol).orElse(0);
    }

    private long required(String symbol) {
        OptionalLong address = binary.symbol(symbol);
        if (address.isEmpty()) {
            throw new NotPythonException(pid, binary.path() + " has no symbol " + symbol
                    + " (is it stripped? pyprobe needs it to find the interpreter)");
        }
        return address.getAsLong();
    }
}
