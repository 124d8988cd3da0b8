package dev.pyprobe.server.transport;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** A client socket with a read timeout, so that no test can hang on a silent server. */
final class TestConnection implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 10_000;

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final List<JsonObject> events = new ArrayList<>();

    TestConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true); // request/response: as a DAP client should
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TestConnection open(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, READ_TIMEOUT_MILLIS);
        return new TestConnection(s);
    }

    JsonObject call(JsonObject request) throws IOException {
        DapWire.write(out, request);
        return DapWire.read(in);
    }

    /**
     * Sends a request and returns its response, keeping the events that arrive meanwhile in
     * {@link #events}. Null if the server closes first.
     */
    JsonObject request(JsonObject request) throws IOException {
        DapWire.write(out, request);
        return responseTo(request.get("seq").getAsLong());
    }

    JsonObject responseTo(long seq) throws IOException {
        JsonObject message;
        while ((message = DapWire.read(in)) != null) {
            if ("response".equals(message.get("type").getAsString()) && message.get("request_seq").getAsLong() == seq) {
                return message;
            }
            events.add(message);
        }
        return null;
    }

    /** The next event named {@code name}, from those kept or from the wire. */
    JsonObject event(String name) throws IOException {
        for (JsonObject e : events) {
            if (name.equals(e.get("event").getAsString())) {
                events.remove(e);
                return e;
            }
        }
        JsonObject message;
        while ((message = DapWire.read(in)) != null) {
            if ("event".equals(message.get("type").getAsString()) && name.equals(message.get("event").getAsString())) {
                return message;
            }
            events.add(message);
        }
        return null;
    }

    JsonObject read() throws IOException {
        return DapWire.read(in);
    }

    /**
     * Reads until the server closes the connection, discarding data; true if it closed within the
     * read timeout, false if it stayed silent and open that long.
     */
    boolean closedByServer() throws IOException {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) != -1) {
                // drain whatever the server answered before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server counts as closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
