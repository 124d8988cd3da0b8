package dev.pyprobe.server.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.AttachRefusedException;
import dev.pyprobe.server.dap.DapSessionStarter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real DAP peer for transport tests: it reads requests from the bridge's streams and
 * answers each one. {@code attach} goes through the guard exactly as the real session must;
 * {@code echo} succeeds with its arguments as body; {@code hang} never answers until the session
 * is closed (a request in progress); {@code flood} writes {@code count} responses of {@code size}
 * bytes each, counting them, to see the session's writes wait for a slow client; anything else
 * fails with "unsupported".
 */
final class ScriptedSessionStarter implements DapSessionStarter {
    final List<Session> sessions = new CopyOnWriteArrayList<>();

    @Override
    public RunningSession start(InputStream in, OutputStream out, AttachGuard guard) {
        Session session = new Session(in, out, guard);
        sessions.add(session);
        session.thread.start();
        return session;
    }

    static final class Session implements RunningSession {
        final Thread thread;
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch hanging = new CountDownLatch(1);
        final AtomicInteger flooded = new AtomicInteger();
        private final InputStream in;
        private final OutputStream out;
        private final AttachGuard guard;

        Session(InputStream in, OutputStream out, AttachGuard guard) {
            this.in = in;
            this.out = out;
            this.guard = guard;
            this.thread = new Thread(this::serve, "scripted-session");
            thread.setDaemon(true);
        }

        private void serve() {
            try {
                JsonObject request;
                while ((request = DapWire.read(in)) != null) {
                    if (request.get("command").getAsString().equals("flood")) {
                        flood(request);
                    } else {
                        DapWire.write(out, answer(request));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // The stream closed or the session was closed: this thread ends.
            }
        }

        private JsonObject answer(JsonObject request) throws InterruptedException {
            String command = request.get("command").getAsString();
            switch (command) {
                case "attach":
                    return attach(request);
                case "echo": {
                    JsonObject response = DapWire.response(request, true, null);
                    response.add("body", request.get("arguments"));
                    return response;
                }
                case "hang":
                    hanging.countDown();
                    closed.await();
                    throw new InterruptedException("closed while hanging");
                default:
                    return DapWire.response(request, false, "unsupported");
            }
        }

        private void flood(JsonObject request) throws IOException {
            JsonObject args = request.getAsJsonObject("arguments");
            String filler = "f".repeat(args.get("size").getAsInt());
            for (int i = 0; i < args.get("count").getAsInt(); i++) {
                JsonObject response = DapWire.response(request, true, null);
                JsonObject body = new JsonObject();
                body.addProperty("filler", filler);
                response.add("body", body);
                DapWire.write(out, response);
                flooded.incrementAndGet();
            }
        }

        private JsonObject attach(JsonObject request) {
            JsonObject args = request.getAsJsonObject("arguments");
            Map<String, Object> raw = new java.util.HashMap<>();
            for (Map.Entry<String, JsonElement> e : args.entrySet()) {
                raw.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue());
            }
            try {
                guard.check(args.get("processId").getAsInt(), raw);
                return DapWire.response(request, true, null);
            } catch (AttachRefusedException e) {
                return DapWire.response(request, false, e.getMessage());
            }
        }

        boolean awaitClosed(long seconds) throws InterruptedException {
            return closed.await(seconds, TimeUnit.SECONDS);
        }

        @Override
        public void awaitEnd() throws InterruptedException {
            thread.join();
        }

        @Override
        public void close() {
            closed.countDown();
            thread.interrupt();
            try {
                in.close();
                out.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
