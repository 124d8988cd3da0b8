import * as assert from 'assert';
import { ChildProcess, execFileSync } from 'child_process';
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { FakeVscode, withFakeVscode } from '../support/fakeVscode';
import { JDK_17, PYTHON_312, requireFile } from '../support/machine';
import { startProcess, stopProcess } from '../support/processes';
import { tempFolder } from '../support/tempFolders';

interface Provider {
    resolveDebugConfiguration(folder: unknown, config: Record<string, unknown>): Record<string, unknown>;
    resolveDebugConfigurationWithSubstitutedVariables(folder: unknown, config: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
}
interface Tracker {
    onWillReceiveMessage(message: unknown): void;
    onDidSendMessage(message: unknown): void;
}
interface Factory {
    createDebugAdapterDescriptor(session: { configuration: Record<string, unknown> }): Promise<Record<string, unknown>>;
}

describe('extension wiring (vscode API layer)', function () {
    this.timeout(20_000);
    const fake = new FakeVscode();
    let extensionPath: string;
    let restore: () => void;
    let provider: Provider;
    let factory: Factory;
    const java17 = path.join(JDK_17, 'bin', 'java');

    before(() => {
        restore = withFakeVscode(fake);
        extensionPath = tempFolder('extension');
        fs.mkdirSync(path.join(extensionPath, 'server'));
        fs.writeFileSync(path.join(extensionPath, 'server', 'pyprobe.jar'), 'jar');
        const extension = require('../../src/extension') as { activate(context: unknown): void };
        extension.activate({ subscriptions: [], extensionPath });
        provider = fake.providers.get('pyprobe') as Provider;
        factory = fake.factories.get('pyprobe') as Factory;
    });

    after(() => restore());

    beforeEach(() => {
        fake.errors.length = 0;
        fake.settings = { 'pyprobe.javaPath': requireFile(java17, 'OpenJDK 17') };
    });

    it('registers the configuration provider, the adapter factory, the status tracker and the commands', () => {
        assert.ok(provider !== undefined && factory !== undefined && fake.trackerFactories.has('pyprobe'));
        assert.deepStrictEqual([...fake.commands.keys()].sort(),
            ['pyprobe.attach', 'pyprobe.clearProfileDecorations', 'pyprobe.pickProcess', 'pyprobe.profile']);
    });

    it('completes an empty configuration and turns the picked PID into a number', async () => {
        const completed = provider.resolveDebugConfiguration(undefined, {});
        assert.strictEqual(completed.processId, '${command:pyprobe.pickProcess}');
        const resolved = await provider.resolveDebugConfigurationWithSubstitutedVariables(undefined, { ...completed, processId: '31337' });
        assert.strictEqual(resolved?.processId, 31337);
        assert.deepStrictEqual(fake.errors, []);
    });

    it('cancels an invalid configuration and says which attribute is wrong', async () => {
        const resolved = await provider.resolveDebugConfigurationWithSubstitutedVariables(undefined,
            { type: 'pyprobe', request: 'attach', name: 'bad', processId: 1, port: 99999 });
        assert.strictEqual(resolved, undefined);
        assert.deepStrictEqual(fake.errors.map(error => error.message),
            ['pyprobe configuration "bad": "port" must be a TCP port from 1 to 65535, not 99999.']);
    });

    it('cancels a local attach without a usable Java and offers the setting that fixes it', async () => {
        const home = tempFolder('old-java');
        fs.mkdirSync(path.join(home, 'bin'));
        fs.writeFileSync(path.join(home, 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n', { mode: 0o755 });
        fake.settings = { 'pyprobe.javaPath': home };
        const resolved = await provider.resolveDebugConfigurationWithSubstitutedVariables(undefined,
            { type: 'pyprobe', request: 'attach', name: 'local', processId: 1 });
        assert.strictEqual(resolved, undefined);
        assert.strictEqual(fake.errors.length, 1);
        assert.match(fake.errors[0].message, /is Java 11, older than 17\. Install a Java 17 or newer runtime/);
        assert.deepStrictEqual(fake.errors[0].items, ['Open pyprobe.javaPath Setting']);
    });

    it('starts the bundled jar with the configured Java for a local attach', async () => {
        const descriptor = await factory.createDebugAdapterDescriptor({ configuration: { type: 'pyprobe', request: 'attach', processId: 5 } });
        assert.ok(descriptor instanceof fake.module.DebugAdapterExecutable);
        assert.deepStrictEqual([descriptor.command, descriptor.args], [java17, ['-jar', path.join(extensionPath, 'server', 'pyprobe.jar'), 'dap']]);
    });

    it('lets VS Code connect to a plain remote server', async () => {
        const descriptor = await factory.createDebugAdapterDescriptor({ configuration: { type: 'pyprobe', request: 'attach', processId: 5, host: 'worker', port: 4711 } });
        assert.ok(descriptor instanceof fake.module.DebugAdapterServer);
        assert.deepStrictEqual([descriptor.port, descriptor.host], [4711, 'worker']);
    });

    it('connects itself to a TLS server and hands VS Code an inline adapter', async () => {
        const folder = tempFolder('factory-tls');
        const key = path.join(folder, 'key.pem');
        const cert = path.join(folder, 'cert.pem');
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
            '-subj', '/CN=pyprobe-test'], { stdio: 'ignore' });
        const sockets: net.Socket[] = [];
        const server = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, socket => sockets.push(socket));
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        try {
            const descriptor = await factory.createDebugAdapterDescriptor({ configuration: {
                type: 'pyprobe', request: 'attach', processId: 5, port: (server.address() as net.AddressInfo).port, tls: true,
                tlsFingerprint: new X509Certificate(fs.readFileSync(cert)).fingerprint256,
            } });
            assert.ok(descriptor instanceof fake.module.DebugAdapterInlineImplementation);
            (descriptor.implementation as { dispose(): void }).dispose();
        } finally {
            sockets.forEach(socket => socket.destroy());
            await new Promise(resolve => server.close(resolve));
        }
    });

    it('says how to get the server when the jar is not in the extension', async () => {
        fs.renameSync(path.join(extensionPath, 'server', 'pyprobe.jar'), path.join(extensionPath, 'server', 'moved.jar'));
        try {
            await assert.rejects(factory.createDebugAdapterDescriptor({ configuration: { type: 'pyprobe', request: 'attach', processId: 5 } }),
                /The pyprobe server is missing from the extension .*npm run copy-server/);
        } finally {
            fs.renameSync(path.join(extensionPath, 'server', 'moved.jar'), path.join(extensionPath, 'server', 'pyprobe.jar'));
        }
    });

    it('shows a status bar item from the attach to the end of the session, with the mechanism in use', () => {
        const trackers = fake.trackerFactories.get('pyprobe') as { createDebugAdapterTracker(session: unknown): Tracker };
        const session = { id: 's1', configuration: { type: 'pyprobe', request: 'attach', processId: 4242 } };
        fake.activeDebugSession = session;
        const tracker = trackers.createDebugAdapterTracker(session);
        const item = fake.statusItems.find(created => created.id === 'pyprobe.observation')!;
        tracker.onWillReceiveMessage({ seq: 1, type: 'request', command: 'attach', arguments: {} });
        assert.strictEqual(item.visible, false, 'not before the attach succeeded');
        tracker.onDidSendMessage({ seq: 1, type: 'response', request_seq: 1, command: 'attach', success: true });
        assert.strictEqual(item.visible, true);
        assert.match(item.text, /PID 4242 runs under observation · tracing: none yet/);
        assert.strictEqual(item.command, 'pyprobe.profile', 'a click on the item records a profile');
        tracker.onWillReceiveMessage({ seq: 2, type: 'request', command: 'setFunctionBreakpoints', arguments: {} });
        tracker.onDidSendMessage({ seq: 2, type: 'response', request_seq: 2, command: 'setFunctionBreakpoints', success: true,
            body: { breakpoints: [{ id: 7, verified: true, message: '0 hits (watchpoint)' }] } });
        assert.match(item.text, /tracing: watchpoint$/);
        fake.terminateSession(session);
        assert.strictEqual(item.visible, false);
    });

    describe('with a Python process running', () => {
        let python: ChildProcess;

        before(async () => {
            python = await startProcess(requireFile(PYTHON_312, 'pyenv Python 3.12.1'), ['-c', 'import time; time.sleep(60)']);
        });

        after(() => stopProcess(python));

        it('offers it in the picker with its version and command line, and returns its PID', async () => {
            fake.pick = items => items.find(item => item.label === String(python.pid));
            const picked = await fake.commands.get('pyprobe.pickProcess')!();
            assert.strictEqual(picked, String(python.pid));
            const item = fake.shownPickItems.find(shown => shown.label === String(python.pid))!;
            assert.match(item.description ?? '', /^Python 3\.12\.1 · \/root\/\.pyenv\/versions\/3\.12\.1\/bin\/python3\.12$/);
            assert.strictEqual(item.detail, `${PYTHON_312} -c import time; time.sleep(60)`);
            assert.ok(fake.shownPickItems.every(shown => shown.label !== String(process.pid)), 'this node process is not offered');
        });

        it('attaches to the picked process from the command', async () => {
            fake.pick = items => items.find(item => item.label === String(python.pid));
            assert.strictEqual(await fake.commands.get('pyprobe.attach')!(), true);
            assert.deepStrictEqual(fake.startedSessions.pop(),
                { type: 'pyprobe', request: 'attach', name: `pyprobe: Attach to ${python.pid}`, processId: python.pid });
        });

        it('starts nothing when the pick is cancelled', async () => {
            fake.pick = () => undefined;
            const before = fake.startedSessions.length;
            assert.strictEqual(await fake.commands.get('pyprobe.attach')!(), false);
            assert.strictEqual(fake.startedSessions.length, before);
        });
    });
});
