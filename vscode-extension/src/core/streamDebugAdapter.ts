import { encodeMessage, MessageDecoder } from './dapFraming';
import { Disposable, Event, EventEmitter } from './eventEmitter';
import { DapMessage, SourceRewriter } from './sourceRewriter';
import { Transport } from './transports';

/**
 * A debug adapter in the shape of vscode.DebugAdapter that relays DAP messages to a pyprobe
 * server over any byte stream, rewriting source paths on the way. VS Code runs it inline: this is
 * how a session gets TLS, which DebugAdapterServer lacks, and path mappings, which need the
 * messages changed and not merely observed.
 */
export class StreamDebugAdapter implements Disposable {
    private readonly sent = new EventEmitter<DapMessage>();
    private readonly decoder = new MessageDecoder();
    private ended = false;
    private disposed = false;
    /** Set once a close is the normal end of the session, so it is not reported as a failure. */
    private closing = false;
    private terminatedSent = false;

    readonly onDidSendMessage: Event<DapMessage> = this.sent.event;

    constructor(private readonly transport: Transport, private readonly rewriter: SourceRewriter) {
        const stream = transport.stream;
        stream.on('data', (chunk: Buffer) => this.receive(chunk));
        stream.on('error', error => this.end(`connection to the pyprobe server failed: ${error.message}`));
        stream.on('close', () => this.end('the pyprobe server closed the connection'));
    }

    handleMessage(message: DapMessage): void {
        if (this.ended) {
            this.refuse(message);
            return;
        }
        if (message.type === 'request' && (message.command === 'disconnect' || message.command === 'terminate')) {
            this.closing = true;
        }
        this.transport.stream.write(encodeMessage(this.rewriter.toAdapter(message)));
    }

    dispose(): void {
        this.disposed = true;
        this.transport.stream.destroy();
        this.sent.dispose();
    }

    private receive(chunk: Buffer): void {
        let messages: DapMessage[];
        try {
            messages = this.decoder.push(chunk);
        } catch (error) {
            this.end(`the pyprobe server sent a malformed message: ${(error as Error).message}`);
            this.transport.stream.destroy();
            return;
        }
        for (const message of messages) {
            if (message.type === 'event' && (message.event === 'terminated' || message.event === 'exited')) {
                this.closing = true;
                this.terminatedSent ||= message.event === 'terminated';
            }
            this.sent.fire(this.rewriter.fromAdapter(message));
        }
    }

    /** Tells the editor once that the session is over, unless the editor itself ended it. */
    private end(reason: string): void {
        if (this.ended) {
            return;
        }
        this.ended = true;
        if (this.disposed) {
            return;
        }
        if (!this.closing) {
            const lastWords = this.transport.lastWords();
            this.sent.fire(event('output', {
                category: 'important',
                output: `${reason}${lastWords ? `:\n${lastWords}` : ''}\n`,
            }));
        }
        if (!this.terminatedSent) {
            this.terminatedSent = true;
            this.sent.fire(event('terminated', {}));
        }
    }

    private refuse(message: DapMessage): void {
        if (message.type === 'request' && !this.disposed) {
            this.sent.fire({
                seq: 0, type: 'response', request_seq: message.seq, command: message.command,
                success: false, message: 'the connection to the pyprobe server is closed',
            });
        }
    }
}

function event(name: string, body: Record<string, unknown>): DapMessage {
    return { seq: 0, type: 'event', event: name, body };
}
