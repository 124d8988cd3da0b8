import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PathMapper } from '../../src/core/pathMapping';
import { SourceRewriter } from '../../src/core/sourceRewriter';
import { StreamDebugAdapter } from '../../src/core/streamDebugAdapter';
import { openTransport } from '../../src/core/transports';
import { SentMessages } from '../support/collect';
import { ScriptedPeer } from '../support/scriptedPeer';
import { tempFolder } from '../support/tempFolders';

describe('StreamDebugAdapter over TCP', () => {
    let peer: ScriptedPeer;
    let adapter: StreamDebugAdapter;
    let sent: SentMessages;
    let local: string;

    beforeEach(async () => {
        peer = await ScriptedPeer.listen();
        local = tempFolder('relay');
        const transport = await openTransport({ kind: 'tcp', host: '127.0.0.1', port: peer.port });
        adapter = new StreamDebugAdapter(transport, new SourceRewriter(new PathMapper([{ remoteRoot: '/srv/app', localRoot: local }])));
        sent = new SentMessages(adapter);
    });

    afterEach(async () => {
        adapter.dispose();
        await peer.close();
    });

    it('relays requests and responses, mapping source paths both ways', async () => {
        fs.writeFileSync(path.join(local, 'job.py'), 'pass\n');
        adapter.handleMessage({
            seq: 3, type: 'request', command: 'setBreakpoints',
            arguments: { source: { path: path.join(local, 'job.py') }, breakpoints: [{ line: 1 }] },
        });
        const request = await peer.next();
        assert.deepStrictEqual(request.arguments, { source: { path: '/srv/app/job.py' }, breakpoints: [{ line: 1 }] });

        peer.send({
            seq: 1, type: 'response', request_seq: 3, command: 'stackTrace', success: true,
            body: { stackFrames: [{ id: 1, name: 'run', line: 1, column: 1, source: { path: '/srv/app/job.py', sourceReference: 5 } }] },
        });
        const response = await sent.waitFor(message => message.command === 'stackTrace');
        assert.deepStrictEqual(response.body, {
            stackFrames: [{ id: 1, name: 'run', line: 1, column: 1, source: { path: path.join(local, 'job.py') } }],
        });
    });

    it('ends the session with the reason when the server goes away', async () => {
        adapter.handleMessage({ seq: 1, type: 'request', command: 'threads' });
        await peer.next();
        peer.hangUp();
        await sent.waitFor(message => message.event === 'terminated');
        assert.deepStrictEqual(sent.all.map(message => [message.event, (message.body as Record<string, unknown>).category]),
            [['output', 'important'], ['terminated', undefined]]);
        assert.match(String((sent.all[0].body as Record<string, unknown>).output), /the pyprobe server closed the connection/);
    });

    it('answers requests sent after the end with an error instead of dropping them', async () => {
        peer.hangUp();
        await sent.waitFor(message => message.event === 'terminated');
        adapter.handleMessage({ seq: 8, type: 'request', command: 'stackTrace', arguments: { threadId: 1 } });
        assert.deepStrictEqual(sent.all[sent.all.length - 1], {
            seq: 0, type: 'response', request_seq: 8, command: 'stackTrace', success: false,
            message: 'the connection to the pyprobe server is closed',
        });
    });

    it('treats a close after disconnect as the normal end', async () => {
        adapter.handleMessage({ seq: 2, type: 'request', command: 'disconnect', arguments: {} });
        await peer.next();
        peer.send({ seq: 4, type: 'response', request_seq: 2, command: 'disconnect', success: true });
        peer.hangUp();
        await sent.waitFor(message => message.event === 'terminated');
        assert.deepStrictEqual(sent.all.map(message => message.command ?? message.event), ['disconnect', 'terminated']);
    });

    it('passes the server\'s own terminated event on without adding another', async () => {
        peer.send({ seq: 1, type: 'event', event: 'terminated', body: {} });
        await sent.waitFor(message => message.event === 'terminated');
        peer.hangUp();
        await new Promise(resolve => setTimeout(resolve, 200));
        assert.deepStrictEqual(sent.all.map(message => message.event), ['terminated']);
    });

    it('ends the session when the server sends garbage', async () => {
        peer.sendRaw('Content-Length: 3\r\n\r\n{x}');
        await sent.waitFor(message => message.event === 'terminated');
        assert.match(String((sent.all[0].body as Record<string, unknown>).output), /malformed message: DAP message is not JSON/);
    });
});

describe('StreamDebugAdapter over stdio', () => {
    it('reports what a server that died wrote to stderr', async () => {
        const transport = await openTransport({ kind: 'stdio', command: 'sh', args: ['-c', 'echo "Error: Unable to access jarfile x.jar" >&2; exit 1'] });
        const adapter = new StreamDebugAdapter(transport, new SourceRewriter(new PathMapper([])));
        const sent = new SentMessages(adapter);
        await sent.waitFor(message => message.event === 'terminated');
        assert.match(String((sent.all[0].body as Record<string, unknown>).output),
            /the pyprobe server closed the connection:\nError: Unable to access jarfile x.jar/);
        adapter.dispose();
    });

    it('stops the server process when the session is disposed', async () => {
        const transport = await openTransport({ kind: 'stdio', command: 'sleep', args: ['60'] });
        const adapter = new StreamDebugAdapter(transport, new SourceRewriter(new PathMapper([])));
        const pid = findChildPid('sleep');
        adapter.dispose();
        await waitUntilGone(pid);
    });
});

function findChildPid(name: string): number {
    const children = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    const pid = children.find(child => fs.readFileSync(`/proc/${child}/comm`, 'utf8').trim() === name);
    assert.ok(pid !== undefined, `no child process named ${name}`);
    return pid;
}

async function waitUntilGone(pid: number): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
        try {
            if (/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))) {
                return;
            }
        } catch {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`process ${pid} is still running after the adapter was disposed`);
}
