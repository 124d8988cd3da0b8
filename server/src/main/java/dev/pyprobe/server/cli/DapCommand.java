package dev.pyprobe.server.cli;

import dev.pyprobe.server.dap.AttachGuard;
import dev.pyprobe.server.dap.DapSessionStarter;
import dev.pyprobe.server.dap.PyprobeSessionStarter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

/**
 * {@code pyprobe dap}: one DAP session on stdin/stdout, for an editor that starts pyprobe itself.
 * stdout carries the protocol and nothing else: {@code System.out} is pointed at stderr before
 * the session starts, so a stray print (ours or a library's) cannot corrupt the stream.
 */
@Command(name = "dap", mixinStandardHelpOptions = true,
        description = "Speak the Debug Adapter Protocol on stdin/stdout (one session; logs go to stderr).")
public final class DapCommand implements Callable<Integer> {
    /**
     * LSP4J logs every closed stream at INFO with a stack trace; the end of a session is not news.
     * Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger LSP4J_LOG = Logger.getLogger("org.eclipse.lsp4j.jsonrpc");

    @Override
    public Integer call() throws InterruptedException {
        LSP4J_LOG.setLevel(Level.WARNING);
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DapSessionStarter starter = PyprobeSessionStarter.forLiveProcesses();
        // Whoever can write to our stdin already runs as our user: no further guard applies.
        DapSessionStarter.RunningSession session =
                starter.start(new FileInputStream(FileDescriptor.in), protocolOut, AttachGuard.ALLOW_ALL);
        session.awaitEnd();
        return 0;
    }
}
