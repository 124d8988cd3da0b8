package dev.pyprobe.server.transport;

import dev.pyprobe.reader.python.PythonTargets;
import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.DapSessionStarter;
import dev.pyprobe.server.dap.PyprobeSessionStarter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** pyprobe's real sessions, each one's close() recorded so tests can see that it happened. */
final class RecordingStarter implements DapSessionStarter {
    private final DapSessionStarter real = new PyprobeSessionStarter(PythonTargets::attach);
    final List<Recorded> sessions = new CopyOnWriteArrayList<>();

    @Override
    public RunningSession start(InputStream in, OutputStream out, AttachGuard guard) {
        Recorded session = new Recorded(real.start(in, out, guard));
        sessions.add(session);
        return session;
    }

    static final class Recorded implements RunningSession {
        private final RunningSession real;
        private final CountDownLatch closed = new CountDownLatch(1);

        Recorded(RunningSession real) {
            this.real = real;
        }

        boolean awaitClosed(long seconds) throws InterruptedException {
            return closed.await(seconds, TimeUnit.SECONDS);
        }

        @Override
        public void awaitEnd() throws InterruptedException {
            real.awaitEnd();
        }

        @Override
        public void close() {
            real.close();
            closed.countDown();
        }
    }
}
