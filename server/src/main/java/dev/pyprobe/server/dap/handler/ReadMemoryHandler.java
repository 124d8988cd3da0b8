package dev.pyprobe.server.dap.handler;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.server.dap.DapException;
import dev.pyprobe.server.dap.DebugSession;
import dev.pyprobe.server.dap.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;

/**
 * {@code readMemory} at the addresses shown as {@code memoryReference}. Reads page by page and
 * stops at the first unreadable page, which is reported as {@code unreadableBytes}.
 */
public final class ReadMemoryHandler {
    static final int MAX_COUNT = 1 << 20;
    private static final int PAGE = 4096;

    private final DebugSession session;

    public ReadMemoryHandler(DebugSession session) {
        this.session = session;
    }

    public ReadMemoryResponse readMemory(ReadMemoryArguments args) {
        PythonTarget target = session.attachment().target();
        long start = parseReference(args.getMemoryReference()) + (args.getOffset() == null ? 0 : args.getOffset());
        if (args.getCount() < 0 || args.getCount() > MAX_COUNT) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "readMemory count must be between 0 and " + MAX_COUNT
                    + ", not " + args.getCount() + ".");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream(args.getCount());
        long address = start;
        long end = start + args.getCount();
        while (address < end) {
            int chunk = (int) Math.min(end - address, PAGE - Math.floorMod(address, PAGE));
            try {
                data.writeBytes(target.readMemory(address, chunk));
            } catch (MemoryReadException e) {
                break;
            }
            address += chunk;
        }
        ReadMemoryResponse response = new ReadMemoryResponse();
        response.setAddress("0x" + Long.toHexString(start));
        response.setData(Base64.getEncoder().encodeToString(data.toByteArray()));
        response.setUnreadableBytes((int) (end - address));
        return response;
    }

    /** {@code 0x}-prefixed hex as pyprobe hands out, or decimal. */
    static long parseReference(String reference) {
        if (reference == null) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "readMemory needs a memoryReference.");
        }
        String text = reference.trim();
        try {
            return text.startsWith("0x") || text.startsWith("0X")
                    ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "memoryReference '" + reference + "' is not an "
                    + "address (expected 0x followed by hex digits).");
        }
    }
}
