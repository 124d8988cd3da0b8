package dev.pyprobe.server.dap.protocol;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;

/**
 * A function breakpoint with the {@code logMessage} VS Code sends although DAP's
 * FunctionBreakpoint has no such field (LSP4J would drop it). Registered with LSP4J's Gson so
 * that every function breakpoint the client sends is read as one of these.
 */
public class LoggedFunctionBreakpoint extends FunctionBreakpoint {
    private String logMessage;

    public String getLogMessage() {
        return logMessage;
    }

    public void setLogMessage(String logMessage) {
        this.logMessage = logMessage;
    }

    /** The log message of a function breakpoint the client sent, or null. */
    public static String logMessageOf(FunctionBreakpoint b) {
        return b instanceof LoggedFunctionBreakpoint l ? l.getLogMessage() : null;
    }

    /** For {@code Launcher.Builder.configureGson}. */
    public static void register(GsonBuilder gson) {
        gson.registerTypeAdapter(FunctionBreakpoint.class, (JsonDeserializer<FunctionBreakpoint>)
                (json, type, context) -> context.deserialize(json, LoggedFunctionBreakpoint.class));
    }
}
