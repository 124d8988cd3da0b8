package dev.pyprobe.server.dap;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.NoSuchProcessException;
import dev.pyprobe.reader.NotPythonException;
import dev.pyprobe.reader.PermissionDeniedException;
import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.UnsupportedVersionException;
import dev.pyprobe.server.dap.protocol.ErrorBody;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Message;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Turns whatever a request failed with into a DAP error response whose {@code body.error} tells
 * the user what went wrong and what to do about it, as a notification unless the client shows it
 * where it was asked. Unexpected failures are logged to stderr with their stack trace and
 * reported as internal errors.
 */
public final class ErrorResponses {
    private static final int MAX_CAUSE_DEPTH = 16;
    /**
     * Requests whose failure the client shows where it was asked, so it must not also pop up as a
     * notification (VS Code does that for an error whose showUser is true): an evaluate's error
     * reads in its Watch entry, hover or Debug Console line, and a watch that cannot be read would
     * otherwise notify at every pause; the moves pyprobe cannot make are explained on the console.
     */
    private static final Set<String> ANSWERED_IN_PLACE = Set.of("evaluate", "stepBack", "reverseContinue", "goto",
            "restartFrame", "stepInTargets", "gotoTargets");

    private final Supplier<String> currentCommand;

    /** @param currentCommand the command of the request being answered, for "unsupported" errors */
    public ErrorResponses(Supplier<String> currentCommand) {
        this.currentCommand = currentCommand;
    }

    public ResponseError toResponseError(Throwable thrown) {
        DapException e = classify(thrown);
        Message message = new Message();
        message.setId(e.code().id());
        message.setFormat(e.getMessage());
        message.setShowUser(!ANSWERED_IN_PLACE.contains(currentCommand.get()));
        return new ResponseError(ResponseErrorCode.UnknownErrorCode, e.getMessage(), new ErrorBody(message));
    }

    /** The user-facing error for a failure (also used by the session for attach failures). */
    public DapException classify(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            DapException known = known(t);
            if (known != null) {
                return known;
            }
        }
        System.err.println("pyprobe: internal error while answering '" + currentCommand.get() + "'");
        thrown.printStackTrace(System.err);
        return new DapException(ErrorCode.INTERNAL, "pyprobe failed internally while answering '"
                + currentCommand.get() + "': " + thrown + ". The details are in pyprobe's log (stderr).");
    }

    private DapException known(Throwable t) {
        if (t instanceof DapException d) {
            return d;
        }
        if (t instanceof AttachRefusedException) {
            return new DapException(ErrorCode.ATTACH_REFUSED, "Attach refused: " + t.getMessage());
        }
        if (t instanceof NoSuchProcessException) {
            return new DapException(ErrorCode.NO_SUCH_PROCESS, capitalize(t.getMessage())
                    + ". Check the PID of the running Python process (for example with: ps -eo pid,cmd | grep python).");
        }
        if (t instanceof PermissionDeniedException) {
            return new DapException(ErrorCode.PERMISSION_DENIED, capitalize(t.getMessage()));
        }
        if (t instanceof NotPythonException) {
            return new DapException(ErrorCode.NOT_PYTHON, capitalize(t.getMessage())
                    + ". Attach to the Python interpreter process itself, not to a shell or launcher that started it.");
        }
        if (t instanceof UnsupportedVersionException) {
            return new DapException(ErrorCode.UNSUPPORTED_VERSION, capitalize(t.getMessage())
                    + ". Run the program with a supported CPython to inspect it with pyprobe.");
        }
        if (t instanceof ProcessExitedException) {
            return new DapException(ErrorCode.PROCESS_EXITED, capitalize(t.getMessage())
                    + "; there is nothing left to inspect.");
        }
        if (t instanceof MemoryReadException || t instanceof InconsistentStateException) {
            return new DapException(ErrorCode.UNREADABLE, "Could not read the target: " + t.getMessage()
                    + ". The process keeps running and may have changed this data while it was read; "
                    + "pause again for a new snapshot.");
        }
        if (t instanceof ResponseErrorException r) {
            // LSP4J's own refusals: a command it has no method for, or arguments it could not bind.
            boolean unknown = r.getResponseError().getCode() == ResponseErrorCode.MethodNotFound.getValue();
            return unknown ? unsupported() : new DapException(ErrorCode.BAD_ARGUMENTS, r.getMessage());
        }
        if (t instanceof UnsupportedOperationException) {
            return unsupported();
        }
        return null;
    }

    private DapException unsupported() {
        return new DapException(ErrorCode.UNSUPPORTED_REQUEST, "pyprobe does not support the '"
                + currentCommand.get() + "' request.");
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
