import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import { Duplex } from 'stream';
import * as tls from 'tls';

/** How to reach a pyprobe server: a child speaking DAP on stdio, or a TCP connection, plain or TLS. */
export type TransportSpec =
    | { readonly kind: 'stdio'; readonly command: string; readonly args: readonly string[] }
    | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
    | {
        readonly kind: 'tls'; readonly host: string; readonly port: number;
        /** PEM to trust instead of the system's CAs. */
        readonly caFile?: string;
        /** Upper-case hex SHA-256 of the one certificate to trust (a self-signed server's). */
        readonly fingerprint?: string;
    };

export interface Transport {
    readonly stream: Duplex;
    /** What went wrong on the other side, if it said anything (a child's last stderr lines). */
    lastWords(): string;
}

export const CONNECT_TIMEOUT_MS = 15_000;
const STDERR_TAIL_BYTES = 4096;

export class TransportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'TransportError';
    }
}

export function describeTransport(spec: TransportSpec): string {
    switch (spec.kind) {
        case 'stdio': return `${spec.command} ${spec.args.join(' ')}`;
        case 'tcp': return `${spec.host}:${spec.port}`;
        case 'tls': return `${spec.host}:${spec.port} (TLS)`;
    }
}

export function openTransport(spec: TransportSpec, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Transport> {
    switch (spec.kind) {
        case 'stdio': return spawnServer(spec.command, spec.args);
        case 'tcp': return connect(() => net.connect({ host: spec.host, port: spec.port }), 'connect', spec, timeoutMs);
        case 'tls': return connect(() => tls.connect({
            host: spec.host,
            port: spec.port,
            servername: net.isIP(spec.host) ? undefined : spec.host,
            ca: spec.caFile === undefined ? undefined : fs.readFileSync(spec.caFile),
            // A pinned certificate replaces CA validation; checkPin runs before any byte is sent.
            rejectUnauthorized: spec.fingerprint === undefined,
        }), 'secureConnect', spec, timeoutMs, socket => checkPin(socket as tls.TLSSocket, spec.fingerprint));
    }
}

function checkPin(socket: tls.TLSSocket, fingerprint: string | undefined): Error | undefined {
    if (fingerprint === undefined) {
        return undefined;
    }
    const presented = (socket.getPeerCertificate().fingerprint256 ?? '').replace(/:/g, '').toUpperCase();
    return presented === fingerprint ? undefined : new Error(
        `the server's certificate has SHA-256 fingerprint ${presented || '(none)'}, not the "tlsFingerprint" of the `
        + 'configuration: check that you reach the right server and copy the fingerprint it printed at start');
}

function connect(open: () => net.Socket, readyEvent: string, spec: TransportSpec, timeoutMs: number,
    verify: (socket: net.Socket) => Error | undefined = () => undefined): Promise<Transport> {
    return new Promise((resolve, reject) => {
        const socket = open();
        const timer = setTimeout(() => {
            socket.destroy();
            reject(new TransportError(`no answer from the pyprobe server at ${describeTransport(spec)} within ${timeoutMs} ms`));
        }, timeoutMs);
        const fail = (error: NodeJS.ErrnoException) => {
            clearTimeout(timer);
            socket.destroy();
            reject(new TransportError(`cannot connect to the pyprobe server at ${describeTransport(spec)}: `
                + `${error.message}${tlsHint(error)}`));
        };
        socket.once(readyEvent, () => {
            const refused = verify(socket);
            if (refused !== undefined) {
                fail(refused);
                return;
            }
            clearTimeout(timer);
            socket.removeAllListeners('error');
            resolve({ stream: socket, lastWords: () => '' });
        });
        socket.once('error', fail);
    });
}

function tlsHint(error: NodeJS.ErrnoException): string {
    const code = error.code ?? '';
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
        return '. The server\'s certificate is not trusted: set "tlsFingerprint" to the SHA-256 fingerprint that '
            + '"pyprobe serve --tls" printed, or "tlsCaFile" to the PEM certificate the server uses (or the CA that signed it).';
    }
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|before secure TLS connection/i.test(error.message)) {
        return '. The server does not seem to speak TLS: start it with --tls or remove "tls" from the configuration.';
    }
    return '';
}

function spawnServer(command: string, args: readonly string[]): Promise<Transport> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stderrTail = '';
        // Drained always: a full stderr pipe would block the server.
        child.stderr.on('data', (chunk: Buffer) => {
            stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
        });
        child.once('error', error => reject(new TransportError(`cannot start the pyprobe server (${command}): ${error.message}`)));
        child.once('spawn', () => resolve({ stream: new ChildProcessStream(child), lastWords: () => stderrTail.trim() }));
    });
}

/**
 * A child's stdout and stdin as one stream. It ends when the child has exited and its pipes are
 * drained, so whatever the child wrote to stderr before dying is known by then; destroying it
 * stops the child.
 */
class ChildProcessStream extends Duplex {
    constructor(private readonly child: ChildProcessWithoutNullStreams) {
        super();
        child.stdout.on('data', (chunk: Buffer) => {
            if (!this.push(chunk)) {
                child.stdout.pause();
            }
        });
        // Writing to a child that died fails with EPIPE; its exit is reported by 'close' instead.
        child.stdin.on('error', () => undefined);
        child.once('close', () => {
            this.push(null);
            this.destroy();
        });
    }

    override _read(): void {
        this.child.stdout.resume();
    }

    override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
        if (this.child.stdin.writable) {
            this.child.stdin.write(chunk);
        }
        done();
    }

    override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
        if (this.child.exitCode === null && this.child.signalCode === null) {
            this.child.kill();
        }
        done(error);
    }
}
