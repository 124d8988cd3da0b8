package dev.pyprobe.reader.proc;

import java.util.ArrayList;
import java.util.List;

/** Many independent reads to be made together (one process_vm_readv with many iovecs). */
public final class ReadBatch {

    /** One range to read; after the batch ran, either {@link #bytes()} or {@link #failed()}. */
    public static final class Request {
        private final long address;
        private final int length;
        private final boolean afterBarrier;
        private RemoteBytes bytes;
        private boolean failed;

        Request(long address, int length, boolean afterBarrier) {
            this.address = address;
            this.length = length;
            this.afterBarrier = afterBarrier;
        }

        /** Whether this is the first request after a {@link ReadBatch#barrier()}. */
        boolean afterBarrier() {
            return afterBarrier;
        }

        public long address() {
            return address;
        }

        public int length() {
            return length;
        }

        public boolean failed() {
            return failed;
        }

        /** The bytes read, or null if this request failed. */
        public RemoteBytes bytes() {
            return bytes;
        }

        /** For implementations of {@link RemoteMemory}: the request was read. */
        public void complete(byte[] data) {
            this.bytes = new RemoteBytes(address, data);
            this.failed = false;
        }

        /** For implementations of {@link RemoteMemory}: the request could not be read. */
        public void fail() {
            this.bytes = null;
            this.failed = true;
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private boolean barrier;

    public Request add(long address, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        Request r = new Request(address, length, barrier);
        barrier = false;
        requests.add(r);
        return r;
    }

    /**
     * Requests added after this are read after every request added before it: neighbouring
     * requests may otherwise be read as one range, in address order.
     */
    public void barrier() {
        barrier = !requests.isEmpty();
    }

    public List<Request> requests() {
        return requests;
    }

    public boolean isEmpty() {
        return requests.isEmpty();
    }
}
