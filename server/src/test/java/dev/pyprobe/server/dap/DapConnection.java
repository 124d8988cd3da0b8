package dev.pyprobe.server.dap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugNotificationMessage;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugResponseMessage;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * A pyprobe session and a real LSP4J DAP client joined by two in-memory pipes (NIO pipes: unlike
 * PipedInputStream they do not care which thread wrote last).
 */
final class DapConnection implements AutoCloseable {
    static final long REQUEST_TIMEOUT_S = 30;

    final TestDapClient client = new TestDapClient();
    final IDebugProtocolServer server;
    final DapSessionStarter.RunningSession session;
    private final OutputStream toServer;
    private final InputStream fromServer;

    DapConnection(DapSessionStarter starter, AttachGuard guard) throws IOException {
        Pipe clientToServer = Pipe.open();
        Pipe serverToClient = Pipe.open();
        session = starter.start(Channels.newInputStream(clientToServer.source()),
                Channels.newOutputStream(serverToClient.sink()), guard);
        toServer = Channels.newOutputStream(clientToServer.sink());
        fromServer = Channels.newInputStream(serverToClient.source());
        Launcher<IDebugProtocolServer> launcher = DebugLauncher.createLauncher(client, IDebugProtocolServer.class,
                fromServer, toServer, Executors.newCachedThreadPool(), this::recordIncoming);
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    /** Records what arrives from the server, in wire order, before LSP4J dispatches it. */
    private MessageConsumer recordIncoming(MessageConsumer consumer) {
        if (consumer instanceof StreamMessageConsumer) {
            return consumer;
        }
        return message -> {
            if (message instanceof DebugResponseMessage r) {
                client.mark("response:" + r.getMethod());
            } else if (message instanceof DebugNotificationMessage n) {
                client.mark("event:" + n.getMethod());
            }
            consumer.consume(message);
        };
    }

    /** The result of a request, failing the test after a timeout. */
    static <T> T await(CompletableFuture<T> request) throws Exception {
        try {
            return request.get(REQUEST_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The DAP error a request fails with. */
    static ResponseError error(CompletableFuture<?> request) throws Exception {
        try {
            Object result = request.get(REQUEST_TIMEOUT_S, TimeUnit.SECONDS);
            throw new AssertionError("expected an error response, got " + result);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof ResponseErrorException r) {
                return r.getResponseError();
            }
            throw e;
        }
    }

    void awaitSessionEnd() throws Exception {
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    session.awaitEnd();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).get(REQUEST_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("session did not end within " + REQUEST_TIMEOUT_S + " s");
        }
    }

    @Override
    public void close() throws IOException {
        session.close();
        toServer.close();
        fromServer.close();
    }
}
