import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import { describePythonProcess, libpythonVersion, listPythonProcesses, withPatchFromPath } from '../../src/core/pythonProcesses';
import { DEBIAN_PYTHON_311, LIBPYTHON_312, PYTHON_27, PYTHON_312, requireFile } from '../support/machine';
import { startProcess, stopProcess } from '../support/processes';

const SLEEPER = 'import time; time.sleep(60)';

describe('Python process listing', function () {
    this.timeout(20_000);
    const started: ChildProcess[] = [];
    let python312: ChildProcess;
    let sleep: ChildProcess;

    async function start(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ChildProcess> {
        const child = await startProcess(command, args, env);
        started.push(child);
        return child;
    }

    before(async () => {
        python312 = await start(requireFile(PYTHON_312, 'pyenv Python 3.12.1'), ['-c', SLEEPER]);
        sleep = await start('sleep', ['60']);
    });

    after(async () => {
        await Promise.all(started.map(stopProcess));
    });

    it('lists a running Python with its version, binary and command line', () => {
        const found = listPythonProcesses().find(process => process.pid === python312.pid);
        assert.deepStrictEqual(found, {
            pid: python312.pid,
            executable: fs.realpathSync(PYTHON_312),
            version: '3.12.1',
            commandLine: `${PYTHON_312} -c ${SLEEPER}`,
        });
    });

    it('leaves out a process that is not Python', () => {
        assert.ok(listPythonProcesses().every(process => process.pid !== sleep.pid), 'sleep is not listed');
        assert.strictEqual(describePythonProcess(sleep.pid!), undefined);
    });

    it('leaves out processes that are gone', () => {
        assert.strictEqual(describePythonProcess(0x3fffffff), undefined);
    });

    it('names the version of a Python 2 interpreter', async () => {
        const python27 = await start(requireFile(PYTHON_27, 'pyenv Python 2.7.18'), ['-c', SLEEPER]);
        assert.strictEqual(describePythonProcess(python27.pid!)?.version, '2.7.18');
    });

    it('takes major.minor from the binary name of a system Python', async () => {
        const debian = await start(requireFile(DEBIAN_PYTHON_311, "Debian's python3.11"), ['-c', SLEEPER]);
        const found = describePythonProcess(debian.pid!);
        assert.deepStrictEqual([found?.executable, found?.version], [DEBIAN_PYTHON_311, '3.11']);
    });

    it('lists a program that embeds libpython, with the library\'s version', async () => {
        // sleep with libpython loaded stands in for uwsgi or a C++ host embedding CPython.
        const embedding = await start('sleep', ['60'], { ...process.env, LD_PRELOAD: requireFile(LIBPYTHON_312, 'libpython 3.12') });
        await waitUntilMapped(embedding.pid!, 'libpython3.12');
        const found = describePythonProcess(embedding.pid!);
        assert.deepStrictEqual([found?.executable, found?.version, found?.commandLine], ['/usr/bin/sleep', '3.12', 'sleep 60']);
    });

    it('reads the version of the libpython a real process maps', () => {
        const maps = fs.readFileSync(`/proc/${python312.pid}/maps`, 'utf8');
        assert.strictEqual(libpythonVersion(maps), '3.12');
        assert.strictEqual(libpythonVersion(fs.readFileSync(`/proc/${sleep.pid}/maps`, 'utf8')), undefined);
    });

    it('adds the patch level only from a path that names this version', () => {
        assert.strictEqual(withPatchFromPath('3.12', '/root/.pyenv/versions/3.12.1/bin/python3.12'), '3.12.1');
        assert.strictEqual(withPatchFromPath('3.12', '/opt/Python-3.12.4/bin/python3.12'), '3.12.4');
        assert.strictEqual(withPatchFromPath('3.12', '/opt/3.11.2/bin/python3.12'), '3.12');
        assert.strictEqual(withPatchFromPath('3.1', '/opt/3.12.1/bin/python3.1'), '3.1');
    });
});

/** The dynamic loader maps LD_PRELOAD just after exec; wait for it rather than race it. */
async function waitUntilMapped(pid: number, library: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
        if (fs.readFileSync(`/proc/${pid}/maps`, 'utf8').includes(library)) {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`${library} never appeared in /proc/${pid}/maps`);
}
