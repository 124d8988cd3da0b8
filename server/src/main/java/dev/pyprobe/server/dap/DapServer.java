package dev.pyprobe.server.dap;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.sampling.SamplingOptions;
import dev.pyprobe.server.dap.handler.AttachHandler;
import dev.pyprobe.server.dap.handler.BreakpointsHandler;
import dev.pyprobe.server.dap.handler.DisconnectHandler;
import dev.pyprobe.server.dap.handler.EvaluateHandler;
import dev.pyprobe.server.dap.handler.InitializeHandler;
import dev.pyprobe.server.dap.handler.PauseHandler;
import dev.pyprobe.server.dap.handler.ProfileHandler;
import dev.pyprobe.server.dap.handler.ReadMemoryHandler;
import dev.pyprobe.server.dap.handler.SnapshotThreadsHandler;
import dev.pyprobe.server.dap.handler.SourceHandler;
import dev.pyprobe.server.dap.handler.StackTraceHandler;
import dev.pyprobe.server.dap.handler.SteppingHandler;
import dev.pyprobe.server.dap.handler.ThreadsHandler;
import dev.pyprobe.server.dap.handler.VariablesHandler;
import dev.pyprobe.server.dap.protocol.ProfileArguments;
import dev.pyprobe.server.dap.protocol.ProfileResponse;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.GotoArguments;
import org.eclipse.lsp4j.debug.GotoTargetsArguments;
import org.eclipse.lsp4j.debug.GotoTargetsResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.RestartFrameArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepInTargetsArguments;
import org.eclipse.lsp4j.debug.StepInTargetsResponse;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * The DAP requests pyprobe answers, each handed to the handler of its family. Requests are
 * answered synchronously on LSP4J's reader thread while holding the session's monitor, so the
 * response is written before the next request is read (what {@link ResponseFollowUps} relies on).
 * Requests not overridden here are answered by LSP4J's defaults as unsupported.
 */
final class DapServer implements IDebugProtocolServer {
    /** One recording at a time per server process: two would share the machine's CPU and skew each other. */
    private static final Executor PROFILER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pyprobe-dap-profiler");
        t.setDaemon(true);
        return t;
    });

    private final DebugSession session;
    private final InitializeHandler initialize;
    private final AttachHandler attach;
    private final DisconnectHandler disconnect;
    private final ThreadsHandler threads;
    private final PauseHandler pause;
    private final StackTraceHandler stackTrace;
    private final VariablesHandler variables;
    private final EvaluateHandler evaluate;
    private final SourceHandler source;
    private final ReadMemoryHandler readMemory;
    private final BreakpointsHandler breakpoints;
    private final SnapshotThreadsHandler snapshots;
    private final SteppingHandler stepping;

    DapServer(DebugSession session) {
        this.session = session;
        this.initialize = new InitializeHandler(session);
        this.attach = new AttachHandler(session);
        this.disconnect = new DisconnectHandler(session);
        this.threads = new ThreadsHandler(session);
        this.pause = new PauseHandler(session);
        this.stackTrace = new StackTraceHandler(session);
        this.variables = new VariablesHandler(session);
        this.evaluate = new EvaluateHandler(session);
        this.source = new SourceHandler(session);
        this.readMemory = new ReadMemoryHandler(session);
        this.breakpoints = new BreakpointsHandler(session);
        this.snapshots = new SnapshotThreadsHandler(session);
        this.stepping = new SteppingHandler(session);
    }

    private <T> CompletableFuture<T> answer(Callable<T> handler) {
        try {
            synchronized (session) {
                return CompletableFuture.completedFuture(handler.call());
            }
        } catch (ProcessExitedException e) {
            session.targetExited();
            return CompletableFuture.failedFuture(e);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        return answer(() -> initialize.initialize(args));
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return answer(initialize::configurationDone);
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return answer(() -> {
            attach.attach(args);
            breakpoints.afterAttach();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        return answer(() -> disconnect.disconnect(args));
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return answer(threads::threads);
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return answer(() -> pause.pause(args));
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        int threadId = args != null ? args.getThreadId() : 0;
        return answer(() -> switch (session.shownThreads().onContinue(threadId)) {
            case DISCARD_THREAD -> snapshots.discard(threadId);
            case DROP_PAUSE -> {
                ContinueResponse response = pause.continue_(args);
                // A stop breakpoint's process stays stopped until now.
                session.attachment().breakpoints().releaseStop();
                yield response;
            }
        });
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return answer(() -> stepping.stay(required(args, "next").getThreadId()));
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return answer(() -> stepping.stay(required(args, "stepIn").getThreadId()));
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return answer(() -> stepping.stay(required(args, "stepOut").getThreadId()));
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return answer(stepping::refuse);
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return answer(stepping::refuse);
    }

    @Override
    public CompletableFuture<Void> goto_(GotoArguments args) {
        return answer(stepping::refuse);
    }

    @Override
    public CompletableFuture<Void> restartFrame(RestartFrameArguments args) {
        return answer(stepping::refuse);
    }

    @Override
    public CompletableFuture<StepInTargetsResponse> stepInTargets(StepInTargetsArguments args) {
        return answer(stepping::refuse);
    }

    @Override
    public CompletableFuture<GotoTargetsResponse> gotoTargets(GotoTargetsArguments args) {
        return answer(stepping::refuse);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return answer(() -> stackTrace.stackTrace(required(args, "stackTrace")));
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return answer(() -> variables.scopes(required(args, "scopes")));
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return answer(() -> variables.variables(required(args, "variables")));
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return answer(() -> evaluate.evaluate(required(args, "evaluate")));
    }

    @Override
    public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return answer(() -> source.source(required(args, "source")));
    }

    @Override
    public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        return answer(() -> source.loadedSources(args));
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return answer(() -> breakpoints.setBreakpoints(required(args, "setBreakpoints")));
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(
            SetFunctionBreakpointsArguments args) {
        return answer(() -> breakpoints.setFunctionBreakpoints(required(args, "setFunctionBreakpoints")));
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return answer(() -> readMemory.readMemory(required(args, "readMemory")));
    }

    /**
     * pyprobe's own request: records a profile of the attached process. It takes seconds, so it
     * runs on a thread of its own, outside the session's monitor: other requests go on meanwhile.
     */
    @JsonRequest("pyprobeProfile")
    public CompletableFuture<ProfileResponse> profile(ProfileArguments args) {
        ProfileArguments given = args != null ? args : new ProfileArguments();
        PythonTarget target;
        SamplingOptions options;
        try {
            synchronized (session) {
                target = session.attachment().target();
            }
            options = ProfileHandler.options(given);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> ProfileHandler.profile(target, given, options), PROFILER);
    }

    private static <A> A required(A args, String command) {
        if (args == null) {
            throw new DapException(ErrorCode.BAD_ARGUMENTS, "'" + command + "' needs arguments.");
        }
        return args;
    }
}
