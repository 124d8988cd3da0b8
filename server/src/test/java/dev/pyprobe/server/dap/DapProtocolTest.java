package dev.pyprobe.server.dap;

import static dev.pyprobe.server.dap.DapConnection.await;
import static dev.pyprobe.server.dap.DapConnection.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The protocol itself, before any process is involved, with a real LSP4J client and on the raw wire. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DapProtocolTest {

    /** An attacher that must not be reached. */
    private final List<Integer> attachCalls = new ArrayList<>();
    private final DapSessionStarter starter = new PyprobeSessionStarter(pid -> {
        attachCalls.add(pid);
        throw new AssertionError("the target must not be read in this test");
    });

    private static InitializeRequestArguments vsCodeInitialize() {
        InitializeRequestArguments args = new InitializeRequestArguments();
        args.setClientID("vscode");
        args.setAdapterID("pyprobe");
        args.setLinesStartAt1(true);
        args.setColumnsStartAt1(true);
        args.setSupportsMemoryReferences(true);
        return args;
    }

    @Test
    void initializeDeclaresOnlyWhatIsImplementedAndInitializedFollowsTheResponse() throws Exception {
        try (DapConnection c = new DapConnection(starter, AttachGuard.ALLOW_ALL)) {
            Capabilities caps = await(c.server.initialize(vsCodeInitialize()));
            TestDapClient.next(c.client.initialized, "initialized");

            assertThat(caps.getSupportsConfigurationDoneRequest()).isTrue();
            assertThat(caps.getSupportsEvaluateForHovers()).isTrue();
            assertThat(caps.getSupportsClipboardContext()).isTrue();
            assertThat(caps.getSupportsLoadedSourcesRequest()).isTrue();
            assertThat(caps.getSupportsReadMemoryRequest()).isTrue();
            assertThat(caps.getSupportsDelayedStackTraceLoading()).isTrue();
            assertThat(caps.getSupportsFunctionBreakpoints()).isTrue();
            assertThat(caps.getSupportsConditionalBreakpoints()).isTrue();
            assertThat(caps.getSupportsHitConditionalBreakpoints()).isTrue();
            assertThat(caps.getSupportsLogPoints()).isTrue();
            assertThat(caps.getSupportsDataBreakpoints()).isNull();
            assertThat(caps.getSupportsInstructionBreakpoints()).isNull();
            assertThat(caps.getSupportsSetVariable()).isNull();
            assertThat(caps.getSupportsTerminateRequest()).isNull();
            assertThat(caps.getSupportTerminateDebuggee()).isNull();
            assertThat(caps.getExceptionBreakpointFilters()).isNull();
            // pyprobe never stops a thread: nothing about stepping is claimed.
            assertThat(caps.getSupportsStepBack()).isNull();
            assertThat(caps.getSupportsSteppingGranularity()).isNull();
            assertThat(caps.getSupportsStepInTargetsRequest()).isNull();
            assertThat(caps.getSupportsGotoTargetsRequest()).isNull();
            assertThat(caps.getSupportsRestartFrame()).isNull();
            assertThat(c.client.order()).containsExactly("response:initialize", "event:initialized");
        }
    }

    @Test
    void requestsBeforeAttachSayWhatIsMissing() throws Exception {
        try (DapConnection c = new DapConnection(starter, AttachGuard.ALLOW_ALL)) {
            await(c.server.initialize(vsCodeInitialize()));
            ResponseError e = error(c.server.threads());
            assertThat(e.getMessage()).contains("No process is attached: send 'attach' with a processId first");
            assertThat(ErrorBodyView.of(e).id()).isEqualTo(ErrorCode.NOT_ATTACHED.id());
        }
    }

    @Test
    void badProcessIdsAreRefusedBeforeAnythingIsRead() throws Exception {
        try (DapConnection c = new DapConnection(starter, AttachGuard.ALLOW_ALL)) {
            await(c.server.initialize(vsCodeInitialize()));
            ResponseError missing = error(c.server.attach(Map.of("name", "x")));
            assertThat(missing.getMessage()).contains("attach needs \"processId\"");
            ResponseError word = error(c.server.attach(Map.of("processId", "firefox")));
            assertThat(word.getMessage()).contains("\"processId\" must be a positive whole number (a PID), not \"firefox\"");
            assertThat(ErrorBodyView.of(word).id()).isEqualTo(ErrorCode.BAD_ARGUMENTS.id());
            assertThat(attachCalls).isEmpty();
        }
    }

    @Test
    void theGuardDecidesBeforeTheTargetIsOpened() throws Exception {
        List<Object> guardSaw = new ArrayList<>();
        AttachGuard guard = (pid, args) -> {
            guardSaw.add(pid);
            guardSaw.add(args.get("token"));
            throw new AttachRefusedException("token does not match");
        };
        try (DapConnection c = new DapConnection(starter, guard)) {
            await(c.server.initialize(vsCodeInitialize()));
            Map<String, Object> args = new HashMap<>();
            args.put("processId", "4242");
            args.put("token", "guess");
            ResponseError e = error(c.server.attach(args));

            assertThat(e.getMessage()).isEqualTo("Attach refused: token does not match");
            ErrorBodyView body = ErrorBodyView.of(e);
            assertThat(body.id()).isEqualTo(ErrorCode.ATTACH_REFUSED.id());
            assertThat(body.showUser()).isTrue();
            assertThat(guardSaw).containsExactly(4242, "guess");
            assertThat(attachCalls).isEmpty();
        }
    }

    @Test
    void unsupportedRequestsAreNamed() throws Exception {
        try (DapConnection c = new DapConnection(starter, AttachGuard.ALLOW_ALL)) {
            await(c.server.initialize(vsCodeInitialize()));
            SetVariableArguments set = new SetVariableArguments();
            set.setVariablesReference(1);
            set.setName("x");
            set.setValue("1");
            ResponseError e = error(c.server.setVariable(set));
            assertThat(e.getMessage()).isEqualTo("pyprobe does not support the 'setVariable' request.");
            assertThat(ErrorBodyView.of(e).showUser()).isTrue();
        }
    }

    @Test
    void disconnectEndsTheSession() throws Exception {
        try (DapConnection c = new DapConnection(starter, AttachGuard.ALLOW_ALL)) {
            await(c.server.initialize(vsCodeInitialize()));
            DisconnectArguments args = new DisconnectArguments();
            args.setTerminateDebuggee(true);
            await(c.server.disconnect(args));
            c.awaitSessionEnd();
        }
    }

    @Test
    void onTheWireRequestsWithoutArgumentsWorkAndErrorsCarryAMessageBody() throws Exception {
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        DapSessionStarter.RunningSession session = starter.start(Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(fromServer.sink()), AttachGuard.ALLOW_ALL);
        try {
            RawDapWire wire = new RawDapWire(Channels.newInputStream(fromServer.source()),
                    Channels.newOutputStream(toServer.sink()));
            wire.request("initialize", "{\"adapterID\":\"pyprobe\"}");
            JsonObject init = wire.read();
            assertThat(init.get("type").getAsString()).isEqualTo("response");
            assertThat(init.get("command").getAsString()).isEqualTo("initialize");
            assertThat(init.get("success").getAsBoolean()).isTrue();
            JsonObject initialized = wire.read();
            assertThat(initialized.get("type").getAsString()).isEqualTo("event");
            assertThat(initialized.get("event").getAsString()).isEqualTo("initialized");

            wire.request("configurationDone", null);
            assertThat(wire.response("configurationDone").get("success").getAsBoolean()).isTrue();

            wire.request("threads", null);
            JsonObject threads = wire.response("threads");
            assertThat(threads.get("success").getAsBoolean()).isFalse();
            assertThat(threads.get("message").getAsString()).contains("No process is attached");
            JsonObject error = threads.getAsJsonObject("body").getAsJsonObject("error");
            assertThat(error.get("id").getAsInt()).isEqualTo(ErrorCode.NOT_ATTACHED.id());
            assertThat(error.get("format").getAsString()).contains("No process is attached");
            assertThat(error.get("showUser").getAsBoolean()).isTrue();

            wire.request("attach", "{\"processId\":\"12x\"}");
            JsonObject attach = wire.response("attach");
            assertThat(attach.get("success").getAsBoolean()).isFalse();
            assertThat(attach.getAsJsonObject("body").getAsJsonObject("error").get("format").getAsString())
                    .contains("\"processId\" must be a positive whole number");
        } finally {
            session.close();
        }
    }

    @Test
    void garbageOnTheWireIsAnsweredAndTheSessionGoesOn() throws Exception {
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        DapSessionStarter.RunningSession session = starter.start(Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(fromServer.sink()), AttachGuard.ALLOW_ALL);
        try {
            java.io.OutputStream out = Channels.newOutputStream(toServer.sink());
            byte[] junk = "{{{ not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(("Content-Length: " + junk.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(junk);
            RawDapWire wire = new RawDapWire(Channels.newInputStream(fromServer.source()), out);
            wire.request("attach", "[1, 2]");
            assertThat(wire.response("attach").get("success").getAsBoolean()).isFalse();
            wire.request("stackTrace", "{\"threadId\":\"x\"}");
            assertThat(wire.response("stackTrace").get("success").getAsBoolean()).isFalse();
            wire.request("bogusCommand", "{}");
            JsonObject bogus = wire.response("bogusCommand");
            assertThat(bogus.get("message").getAsString()).isEqualTo("pyprobe does not support the 'bogusCommand' request.");
            assertThat(bogus.getAsJsonObject("body").getAsJsonObject("error").get("id").getAsInt())
                    .isEqualTo(ErrorCode.UNSUPPORTED_REQUEST.id());
            wire.request("initialize", "{\"adapterID\":\"pyprobe\"}");
            assertThat(wire.response("initialize").get("success").getAsBoolean()).isTrue();
        } finally {
            session.close();
        }
    }

    /** body.error of an error response as the LSP4J client parsed it (an untyped map). */
    record ErrorBodyView(int id, String format, boolean showUser) {
        static ErrorBodyView of(ResponseError e) {
            assertThat(e.getData()).as("error response body").isInstanceOf(Map.class);
            Object error = ((Map<?, ?>) e.getData()).get("error");
            assertThat(error).as("body.error").isInstanceOf(Map.class);
            Map<?, ?> m = (Map<?, ?>) error;
            return new ErrorBodyView(((Number) m.get("id")).intValue(), (String) m.get("format"),
                    Boolean.TRUE.equals(m.get("showUser")));
        }
    }
}
