import { DebugClient } from '@vscode/debugadapter-testsupport';
import { DebugProtocol } from '@vscode/debugprotocol';
import { ChildProcess, spawn } from 'child_process';
import { PassThrough, Readable, Writable } from 'stream';
import { encodeMessage, MessageDecoder } from '../../src/core/dapFraming';
import { findJava } from '../../src/core/javaRuntime';
import { DapMessage } from '../../src/core/sourceRewriter';
import { StreamDebugAdapter } from '../../src/core/streamDebugAdapter';
import { requireFile, SERVER_JAR } from './machine';
import { startProcess, stopProcess, waitForLine } from './processes';

const STOP_TIMEOUT_MS = 10_000;

/** Java as the extension finds it (pyprobe.javaPath unset): JAVA_HOME, then PATH. */
export async function javaForServer(): Promise<string> {
    return (await findJava({ env: process.env })).executable;
}

export function serverJar(): string {
    return requireFile(SERVER_JAR, 'the pyprobe server; build it with `mvn -o -q -B -DskipTests package` at the repository root');
}

/**
 * DebugClient over streams the test owns: a server child started with real arguments
 * (`java -jar pyprobe.jar dap`, which DebugClient's one-argument spawn cannot express), or the
 * extension's inline adapter.
 */
export class StreamDebugClient extends DebugClient {
    private child: ChildProcess | undefined;
    private disconnected = false;

    constructor() {
        super('unused', 'unused', 'pyprobe');
        this.defaultTimeout = 20_000;
    }

    async startServer(command: string, args: string[]): Promise<void> {
        this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
        await new Promise<void>((resolve, reject) => {
            this.child!.once('spawn', resolve);
            this.child!.once('error', reject);
        });
        this.connect(this.child.stdout!, this.child.stdin!);
    }

    connectStreams(readable: Readable, writable: Writable): void {
        this.connect(readable, writable);
    }

    override disconnectRequest(args?: DebugProtocol.DisconnectArguments): Promise<DebugProtocol.DisconnectResponse> {
        this.disconnected = true;
        return super.disconnectRequest(args);
    }

    /**
     * Disconnects (as VS Code does) unless the test already did, then stops the server child.
     * A server that does not answer within STOP_TIMEOUT_MS is stopped all the same.
     */
    override async stop(): Promise<void> {
        if (!this.disconnected) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([super.stop(), new Promise(resolve => { timer = setTimeout(resolve, STOP_TIMEOUT_MS); })]);
            clearTimeout(timer);
        }
        await stopProcess(this.child);
    }
}

/** Wires a DebugClient to an inline adapter the way VS Code wires itself to one. */
export function connectToInlineAdapter(client: StreamDebugClient, adapter: StreamDebugAdapter): void {
    const toAdapter = new PassThrough();
    const fromAdapter = new PassThrough();
    const decoder = new MessageDecoder();
    toAdapter.on('data', (chunk: Buffer) => decoder.push(chunk).forEach(message => adapter.handleMessage(message)));
    adapter.onDidSendMessage((message: DapMessage) => fromAdapter.write(encodeMessage(message)));
    client.connectStreams(fromAdapter, toAdapter);
}

/** initialize, attach and configurationDone, in the order VS Code sends them; returns the capabilities. */
export async function attach(client: DebugClient, args: Record<string, unknown>): Promise<DebugProtocol.Capabilities> {
    const initialized = client.waitForEvent('initialized');
    const capabilities = (await client.initializeRequest()).body ?? {};
    await client.attachRequest(args as DebugProtocol.AttachRequestArguments);
    await initialized;
    if (capabilities.supportsConfigurationDoneRequest) {
        await client.configurationDoneRequest();
    }
    return capabilities;
}

export interface TcpServer {
    readonly child: ChildProcess;
    readonly port: number;
    /** Everything the server printed while starting (token, TLS fingerprint). */
    readonly banner: string;
}

/** `java -jar pyprobe.jar serve` on a free loopback port; resolves once it listens. */
export async function startTcpServer(extraArgs: string[]): Promise<TcpServer> {
    const child = await startProcess(await javaForServer(), ['-jar', serverJar(), 'serve', '--host', '127.0.0.1', '--port', '0', ...extraArgs]);
    let banner = '';
    const record = (chunk: Buffer) => { banner += chunk.toString('utf8'); };
    child.stdout!.on('data', record);
    child.stderr!.on('data', record);
    try {
        const listening = await waitForLine(child, /pyprobe listening on (?:\[[^\]]+\]|[^\s:]+):(\d+)/, 30_000);
        return { child, port: Number.parseInt(listening[1], 10), get banner() { return banner; } };
    } catch (error) {
        await stopProcess(child);
        throw error;
    }
}
