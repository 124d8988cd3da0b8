import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ProfileResult } from '../../src/core/profile';
import { FakeVscode, forgetExtensionModules, withFakeVscode } from '../support/fakeVscode';
import { FakeQuickPick } from '../support/fakeVscodeViews';
import { PYTHON_312, requireFile } from '../support/machine';
import { startProcess, stopProcess } from '../support/processes';
import { tempFolder } from '../support/tempFolders';

interface Tracker {
    onWillReceiveMessage(message: unknown): void;
    onDidSendMessage(message: unknown): void;
}

/** A pyprobe debug session as the command sees it: its configuration, and the server behind customRequest. */
class FakeSession {
    readonly type = 'pyprobe';
    readonly name = 'pyprobe: worker';
    readonly requests: { command: string; args: unknown }[] = [];
    answer: () => Promise<unknown> = async () => undefined;

    constructor(readonly id: string, readonly configuration: Record<string, unknown>) {}

    customRequest(command: string, args: unknown): Promise<unknown> {
        this.requests.push({ command, args });
        return this.answer();
    }
}

const PAGE = '<!DOCTYPE html><html><head><title>t</title></head><body><script>acquireVsCodeApi()</script></body></html>';

describe('"pyprobe: Profile Process..." (vscode API layer)', () => {
    const fake = new FakeVscode();
    let restore: () => void;
    let profile: () => Promise<boolean>;
    let clear: () => void;
    let local: string;
    let shop: string;
    let remote: FakeSession;

    /** Drives the extension's status tracker through an attach, as VS Code does while a session starts. */
    function attach(session: FakeSession): void {
        const trackers = fake.trackerFactories.get('pyprobe') as { createDebugAdapterTracker(session: unknown): Tracker };
        const tracker = trackers.createDebugAdapterTracker(session);
        tracker.onWillReceiveMessage({ seq: 1, type: 'request', command: 'attach', arguments: {} });
        tracker.onDidSendMessage({ seq: 1, type: 'response', request_seq: 1, command: 'attach', success: true });
    }

    function answered(lines: ProfileResult['lines']): () => Promise<ProfileResult> {
        return async () => ({ html: PAGE, lines, samples: 300, stacks: 300, inconsistentStacks: 0, missedSamples: 0,
            rateReached: 100, durationSeconds: 3, mode: 'wall' });
    }

    function choose(typed: string): (pick: FakeQuickPick) => void {
        return pick => {
            pick.type(typed);
            pick.accept();
        };
    }

    before(() => {
        restore = withFakeVscode(fake);
        forgetExtensionModules();
        const extension = require('../../src/extension') as { activate(context: unknown): void };
        extension.activate({ subscriptions: [], extensionPath: tempFolder('extension') });
        profile = fake.commands.get('pyprobe.profile') as () => Promise<boolean>;
        clear = fake.commands.get('pyprobe.clearProfileDecorations') as () => void;
        local = tempFolder('profiled');
        shop = path.join(local, 'shop.py');
        fs.writeFileSync(shop, 'a\n'.repeat(50));
    });

    after(() => {
        restore();
        forgetExtensionModules();
    });

    beforeEach(() => {
        fake.infos.length = 0;
        fake.errors.length = 0;
        fake.warnings.length = 0;
        fake.panels.length = 0;
        fake.visibleTextEditors = [];
        fake.settings = {};
    });

    it('records the attached remote session for the typed duration, with a countdown, and shows the flame graph', async () => {
        remote = new FakeSession('remote', { type: 'pyprobe', request: 'attach', processId: 4242, host: 'worker', port: 4711,
            pathMappings: [{ remoteRoot: '/srv/app', localRoot: local }] });
        attach(remote);
        remote.answer = answered([{ path: '/srv/app/shop.py', line: 12, self: 30, total: 120 }]);
        fake.onQuickPick = choose('3');
        assert.strictEqual(await profile(), true);
        assert.deepStrictEqual(remote.requests,
            [{ command: 'pyprobeProfile', args: { durationSeconds: 3, rate: 100, mode: 'wall', idle: false, threads: false } }]);
        const progress = fake.progresses[fake.progresses.length - 1];
        assert.deepStrictEqual([progress.options.title, progress.options.cancellable, progress.reports[0].message],
            ['pyprobe: recording PID 4242 on worker:4711 for 3 s', true, '3 s left']);
        const [panel] = fake.panels;
        assert.deepStrictEqual([panel.title, panel.options.enableScripts], ['Profile of PID 4242 on worker:4711', true]);
        assert.match(panel.webview.html, /Content-Security-Policy/);
        assert.deepStrictEqual(fake.infos, ['pyprobe: profiled PID 4242 on worker:4711: 300 samples in 3.0 s (wall), 100 Hz reached.']);
    });

    it('samples as the pyprobe.profile settings say, and names in the notification what differs from the defaults', async () => {
        fake.settings = { 'pyprobe.profile.rate': 1000, 'pyprobe.profile.mode': 'cpu', 'pyprobe.profile.threads': true };
        const sent = remote.requests.length;
        fake.onQuickPick = choose('5');
        assert.strictEqual(await profile(), true);
        assert.deepStrictEqual(remote.requests.slice(sent),
            [{ command: 'pyprobeProfile', args: { durationSeconds: 5, rate: 1000, mode: 'cpu', idle: false, threads: true } }]);
        assert.strictEqual(fake.progresses[fake.progresses.length - 1].options.title,
            'pyprobe: recording PID 4242 on worker:4711 for 5 s at 1000 Hz, cpu mode, one root per thread');
    });

    it('says which setting is wrong, with a button to the settings, before asking anything', async () => {
        fake.settings = { 'pyprobe.profile.mode': 'fast' };
        let asked = false;
        fake.onQuickPick = pick => {
            asked = true;
            pick.hide();
        };
        const sent = remote.requests.length;
        assert.strictEqual(await profile(), false);
        assert.deepStrictEqual(fake.errors, [{
            message: 'pyprobe: the "pyprobe.profile.mode" setting must be one of "wall", "cpu", "gil", not "fast".',
            items: ['Open Profile Settings'],
        }]);
        assert.deepStrictEqual([asked, remote.requests.length], [false, sent]);
    });

    it('opens a clicked frame\'s line through the path mappings, beside the flame graph', async () => {
        fake.onQuickPick = choose('5');
        await profile();
        fake.panels[0].post({ command: 'open', file: '/srv/app/shop.py', line: 12 });
        await new Promise(resolve => setImmediate(resolve));
        const shown = fake.shownDocuments[fake.shownDocuments.length - 1];
        assert.deepStrictEqual([shown.path, shown.options.viewColumn, { ...shown.options.selection?.start }], [shop, 1, { line: 11, character: 0 }]);
    });

    it('says so when a clicked frame\'s file is not on this machine', async () => {
        fake.onQuickPick = choose('5');
        await profile();
        const opened = fake.shownDocuments.length;
        fake.panels[0].post({ command: 'open', file: '/usr/lib/python3.12/nowhere.py', line: 3 });
        await new Promise(resolve => setImmediate(resolve));
        assert.strictEqual(fake.shownDocuments.length, opened);
        assert.match(fake.warnings[0], /\/usr\/lib\/python3\.12\/nowhere\.py is not on this machine.*pathMappings/);
    });

    it('marks the profiled lines in visible editors and in editors opened later, until cleared', async () => {
        const visible = fake.openEditor(shop, 50);
        fake.onQuickPick = choose('5');
        await profile();
        const types = fake.decorationTypes;
        assert.deepStrictEqual(visible.shown(types), [{ line: 11, text: '  ▮ 10.0% self, 40.0% total', tint: 5 }]);
        const later = fake.openEditor(shop, 50);
        assert.deepStrictEqual(later.shown(types), visible.shown(types));
        const other = fake.openEditor(path.join(local, 'other.py'), 50);
        assert.deepStrictEqual(other.shown(types), []);
        clear();
        assert.deepStrictEqual([visible.shown(types), later.shown(types)], [[], []]);
    });

    it('replaces the marks with the next profile\'s', async () => {
        const editor = fake.openEditor(shop, 50);
        fake.onQuickPick = choose('5');
        await profile();
        remote.answer = answered([{ path: '/srv/app/shop.py', line: 20, self: 3, total: 3 }]);
        await profile();
        assert.deepStrictEqual(editor.shown(fake.decorationTypes).map(shown => shown.line), [19]);
    });

    it('stops waiting when the notification is cancelled, and shows nothing', async () => {
        const session = new FakeSession('slow', { type: 'pyprobe', request: 'attach', processId: 77 });
        attach(session);
        session.answer = () => new Promise(() => undefined);
        fake.onQuickPick = choose('60');
        const running = profile();
        await new Promise(resolve => setImmediate(resolve));
        fake.progresses[fake.progresses.length - 1].cancel();
        assert.strictEqual(await running, false);
        assert.deepStrictEqual([fake.panels.length, fake.errors], [0, []]);
    });

    it('shows the server\'s refusal as an error', async () => {
        const session = new FakeSession('refusing', { type: 'pyprobe', request: 'attach', processId: 78 });
        attach(session);
        session.answer = async () => {
            throw new Error('pyprobeProfile mode must be wall, cpu or gil');
        };
        fake.onQuickPick = choose('5');
        assert.strictEqual(await profile(), false);
        assert.deepStrictEqual(fake.errors.map(error => error.message), ['pyprobe: could not profile PID 78: pyprobeProfile mode must be wall, cpu or gil']);
    });

    it('records nothing when the duration pick is cancelled', async () => {
        const session = new FakeSession('idle', { type: 'pyprobe', request: 'attach', processId: 79 });
        attach(session);
        fake.onQuickPick = pick => pick.hide();
        assert.strictEqual(await profile(), false);
        assert.deepStrictEqual(session.requests, []);
    });

    describe('without an attached session', () => {
        let python: ChildProcess;

        before(async () => {
            ['remote', 'slow', 'refusing', 'idle'].forEach(id => fake.terminateSession({ id }));
            // The attach offer goes through the process picker, which lists this machine's Python processes.
            python = await startProcess(requireFile(PYTHON_312, 'pyenv Python 3.12.1'), ['-c', 'import time; time.sleep(60)']);
        });

        after(() => stopProcess(python));

        it('offers to attach first, then profiles the session the attach started', async () => {
            const started = new FakeSession('new', { type: 'pyprobe', request: 'attach', processId: python.pid });
            started.answer = answered([]);
            fake.answerInfo = (_message, items) => items[0];
            fake.pick = items => items.find(item => item.label === String(python.pid));
            fake.activeDebugSession = started;
            fake.onQuickPick = choose('5');
            assert.strictEqual(await profile(), true);
            assert.match(fake.infos[0], /no pyprobe session is attached/);
            assert.deepStrictEqual(fake.startedSessions.pop(),
                { type: 'pyprobe', request: 'attach', name: `pyprobe: Attach to ${python.pid}`, processId: python.pid });
            assert.deepStrictEqual(started.requests.map(request => request.command), ['pyprobeProfile']);
            fake.activeDebugSession = undefined;
        });

        it('does nothing more when the offer is declined', async () => {
            fake.answerInfo = () => undefined;
            const before = fake.startedSessions.length;
            assert.strictEqual(await profile(), false);
            assert.strictEqual(fake.startedSessions.length, before);
        });
    });
});
