package dev.pyprobe.server.dap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

/**
 * Runs actions right after the response to a given command has been written, such as the
 * {@code initialized} event after the {@code initialize} response or {@code stopped} after
 * {@code pause}: DAP wants those events to follow the response, and LSP4J writes the response
 * only once the handler has returned. Installed as LSP4J's message wrapper, it sees both
 * directions: on the outgoing stream it runs the follow-ups, on the incoming side it remembers
 * which command is being handled (requests are handled one at a time on LSP4J's reader thread).
 */
public final class ResponseFollowUps {
    private final Map<String, List<Runnable>> pending = new HashMap<>();
    private volatile String currentCommand = "";

    /** Runs {@code action} after the next successful response to {@code command}; dropped if it fails. */
    public synchronized void after(String command, Runnable action) {
        pending.computeIfAbsent(command, c -> new ArrayList<>()).add(action);
    }

    /** The command of the request read last, which is the one being handled. */
    public String currentCommand() {
        return currentCommand;
    }

    /** LSP4J message wrapper: {@code Launcher.Builder.wrapMessages(followUps::wrap)}. */
    public MessageConsumer wrap(MessageConsumer consumer) {
        if (consumer instanceof StreamMessageConsumer) {
            return message -> {
                consumer.consume(message);
                responseWritten(message);
            };
        }
        return message -> {
            if (message instanceof RequestMessage request) {
                currentCommand = request.getMethod();
            }
            consumer.consume(message);
        };
    }

    private void responseWritten(Message message) {
        if (!(message instanceof DebugResponseMessage response)) {
            return;
        }
        List<Runnable> actions;
        synchronized (this) {
            actions = pending.remove(response.getMethod());
        }
        if (actions != null && response.getError() == null) {
            actions.forEach(Runnable::run);
        }
    }
}
