import * as net from 'net';
import { encodeMessage, MessageDecoder } from '../../src/core/dapFraming';
import { DapMessage } from '../../src/core/sourceRewriter';

/**
 * The far end of a real TCP connection, driven by the test, for checking the relay itself;
 * the e2e tests run the same relay against the real pyprobe server.
 */
export class ScriptedPeer {
    private readonly received: DapMessage[] = [];
    private waiting: (() => void) | undefined;
    private socket: net.Socket | undefined;

    private constructor(private readonly server: net.Server) {}

    static async listen(): Promise<ScriptedPeer> {
        const server = net.createServer();
        const peer = new ScriptedPeer(server);
        server.on('connection', socket => peer.accept(socket));
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        return peer;
    }

    get port(): number {
        return (this.server.address() as net.AddressInfo).port;
    }

    /** The next message the relay sent, waiting up to timeoutMs for it. */
    async next(timeoutMs = 5000): Promise<DapMessage> {
        const deadline = Date.now() + timeoutMs;
        while (this.received.length === 0) {
            if (Date.now() > deadline) {
                throw new Error(`the peer received no message within ${timeoutMs} ms`);
            }
            await new Promise<void>(resolve => {
                this.waiting = resolve;
                setTimeout(resolve, 50);
            });
        }
        return this.received.shift()!;
    }

    send(message: DapMessage): void {
        this.connection().write(encodeMessage(message));
    }

    sendRaw(bytes: string): void {
        this.connection().write(bytes);
    }

    /** Closes the connection from the server's side. */
    hangUp(): void {
        this.connection().destroy();
    }

    async close(): Promise<void> {
        this.socket?.destroy();
        await new Promise(resolve => this.server.close(resolve));
    }

    private accept(socket: net.Socket): void {
        this.socket = socket;
        const decoder = new MessageDecoder();
        socket.on('data', chunk => {
            this.received.push(...decoder.push(chunk));
            this.waiting?.();
        });
        socket.on('error', () => socket.destroy());
    }

    private connection(): net.Socket {
        if (this.socket === undefined) {
            throw new Error('no connection to the peer yet');
        }
        return this.socket;
    }
}
