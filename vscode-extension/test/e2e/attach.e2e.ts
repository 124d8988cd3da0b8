import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PathMapper } from '../../src/core/pathMapping';
import { SourceRewriter } from '../../src/core/sourceRewriter';
import { StreamDebugAdapter } from '../../src/core/streamDebugAdapter';
import { openTransport } from '../../src/core/transports';
import { attach, connectToInlineAdapter, javaForServer, serverJar, startTcpServer, StreamDebugClient, TcpServer } from '../support/dapClients';
import { stopProcess } from '../support/processes';
import { tempFolder } from '../support/tempFolders';
import { assertRunning, KNOWN_STACK, lineOf, pauseAndGetStack, startFixture } from '../support/targets';

const EXPECTED_STACK = [
    ['wait_here', lineOf(KNOWN_STACK, '# WAIT_LINE')],
    ['outer', lineOf(KNOWN_STACK, '    wait_here()')],
    ['<module>', lineOf(KNOWN_STACK, '    outer()')],
];

function namesAndLines(frames: { name: string; line: number }[]): [string, number][] {
    return frames.map(frame => [frame.name, frame.line]);
}

describe('e2e: attach to a real Python process through the pyprobe server', function () {
    this.timeout(90_000);
    let target: ChildProcess;
    let pid: number;
    let client: StreamDebugClient | undefined;

    before(async () => {
        target = await startFixture(KNOWN_STACK);
        pid = target.pid!;
    });

    after(async () => {
        await stopProcess(target);
    });

    afterEach(async () => {
        await client?.stop();
        client = undefined;
    });

    it('over stdio (java -jar pyprobe.jar dap): pause, stack, disconnect', async () => {
        client = new StreamDebugClient();
        await client.startServer(await javaForServer(), ['-jar', serverJar(), 'dap']);
        await attach(client, { processId: pid });
        const frames = await pauseAndGetStack(client);
        assert.deepStrictEqual(namesAndLines(frames.slice(0, 3)), EXPECTED_STACK);
        assert.strictEqual(frames[0].source?.path, KNOWN_STACK);
        await client.disconnectRequest({});
        assertRunning(pid);
    });

    describe('over TCP (pyprobe serve --token)', () => {
        const token = 'e2e-token-7f3a9c';
        let server: TcpServer;

        before(async () => {
            server = await startTcpServer(['--token', token]);
        });

        after(async () => {
            await stopProcess(server?.child);
        });

        it('attaches with the token: pause, stack, disconnect', async () => {
            client = new StreamDebugClient();
            await client.start(server.port);
            await attach(client, { processId: pid, token });
            const frames = await pauseAndGetStack(client);
            assert.deepStrictEqual(namesAndLines(frames.slice(0, 3)), EXPECTED_STACK);
            assert.strictEqual(frames[0].source?.path, KNOWN_STACK);
            await client.disconnectRequest({});
            assertRunning(pid);
        });

        it('is refused with a wrong token', async () => {
            client = new StreamDebugClient();
            await client.start(server.port);
            await client.initializeRequest();
            await assert.rejects(client.attachRequest({ processId: pid, token: 'wrong' } as never), /token/i);
            assertRunning(pid);
        });
    });

    describe('through the extension\'s inline adapter', () => {
        let copies: string;

        beforeEach(() => {
            copies = tempFolder('mapped');
        });

        async function connectInline(transport: Parameters<typeof openTransport>[0], remoteRoot: string): Promise<StreamDebugClient> {
            const adapter = new StreamDebugAdapter(await openTransport(transport),
                new SourceRewriter(new PathMapper([{ remoteRoot, localRoot: copies }])));
            const inline = new StreamDebugClient();
            connectToInlineAdapter(inline, adapter);
            return inline;
        }

        it('opens the local copy of a mapped file (stdio server)', async () => {
            const copy = path.join(copies, 'known_stack.py');
            fs.copyFileSync(KNOWN_STACK, copy);
            client = await connectInline({ kind: 'stdio', command: await javaForServer(), args: ['-jar', serverJar(), 'dap'] },
                path.dirname(KNOWN_STACK));
            await attach(client, { processId: pid });
            const frames = await pauseAndGetStack(client);
            assert.deepStrictEqual(namesAndLines(frames.slice(0, 3)), EXPECTED_STACK);
            assert.deepStrictEqual([frames[0].source?.path, frames[0].source?.sourceReference], [copy, undefined]);
        });

        it('keeps the server\'s source when there is no local copy (TLS server, pinned certificate)', async () => {
            const server = await startTcpServer(['--tls', '--token', 'tls-token']);
            try {
                const fingerprint = /SHA-256 fingerprint: ([0-9A-F:]+)/.exec(server.banner)?.[1].replace(/:/g, '');
                assert.ok(fingerprint !== undefined, `no fingerprint in the server's output: ${server.banner}`);
                client = await connectInline({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint }, path.dirname(KNOWN_STACK));
                await attach(client, { processId: pid, token: 'tls-token' });
                const frames = await pauseAndGetStack(client);
                assert.deepStrictEqual(namesAndLines(frames.slice(0, 3)), EXPECTED_STACK);
                // Unmapped: the path stays the server's, and the server serves the text (by reference
                // when it thinks the client cannot open the file, else by path).
                const source = frames[0].source!;
                assert.strictEqual(source.path, KNOWN_STACK);
                const text = await client.sourceRequest({ source, sourceReference: source.sourceReference ?? 0 });
                assert.strictEqual(text.body.content, fs.readFileSync(KNOWN_STACK, 'utf8'));
                await client.disconnectRequest({});
                assertRunning(pid);
            } finally {
                await client?.stop();
                client = undefined;
                await stopProcess(server.child);
            }
        });
    });
});
