package dev.pyprobe.server.dap;

import dev.pyprobe.reader.python.PythonTargets;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;

/**
 * pyprobe's DAP sessions: one {@link DebugSession} per pair of streams, served with LSP4J. Every
 * thread it starts is a daemon, so a finished session never keeps the JVM alive.
 */
public final class PyprobeSessionStarter implements DapSessionStarter {
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final TargetAttacher attacher;

    public PyprobeSessionStarter(TargetAttacher attacher) {
        this.attacher = attacher;
    }

    /** Sessions that attach to live processes with the reader: what every transport uses. */
    public static PyprobeSessionStarter forLiveProcesses() {
        return new PyprobeSessionStarter(PythonTargets::attach);
    }

    @Override
    public RunningSession start(InputStream in, OutputStream out, AttachGuard guard) {
        int number = SESSIONS.incrementAndGet();
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("pyprobe-dap-" + number));
        ResponseFollowUps followUps = new ResponseFollowUps();
        ErrorResponses errors = new ErrorResponses(followUps::currentCommand);
        DebugSession session = new DebugSession(guard, attacher, followUps);
        Launcher<IDebugProtocolClient> launcher = new DebugLauncher.Builder<IDebugProtocolClient>()
                .setLocalService(new DapServer(session))
                .setRemoteInterface(IDebugProtocolClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(executor)
                .wrapMessages(followUps::wrap)
                .setExceptionHandler(errors::toResponseError)
                .create();
        AtomicReference<Future<Void>> reading = new AtomicReference<>();
        session.connect(launcher.getRemoteProxy(), () -> {
            // Cancelling LSP4J's reader closes the input stream, which ends the connection.
            Future<Void> f = reading.get();
            if (f != null) {
                f.cancel(true);
            }
            executor.shutdown();
        });
        Future<Void> listening = launcher.startListening();
        reading.set(listening);
        executor.execute(() -> endWhenStreamCloses(listening, session));
        return new RunningSession() {
            @Override
            public void awaitEnd() throws InterruptedException {
                session.awaitEnd();
            }

            @Override
            public void close() {
                session.end();
            }
        };
    }

    private static void endWhenStreamCloses(Future<Void> listening, DebugSession session) {
        try {
            listening.get();
        } catch (CancellationException | ExecutionException e) {
            // Cancelled by the session itself, or the stream broke: either way the session is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.end();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
