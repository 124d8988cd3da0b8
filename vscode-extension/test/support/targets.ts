import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DebugProtocol } from '@vscode/debugprotocol';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { FIXTURES, PYTHON_312, requireFile } from './machine';
import { startProcess, waitForLine } from './processes';

export const KNOWN_STACK = path.join(FIXTURES, 'known_stack.py');
export const TICKING = path.join(FIXTURES, 'ticking.py');

/** The line of a fixture that holds `marker`, so tests do not hard-code line numbers. */
export function lineOf(file: string, marker: string): number {
    const index = fs.readFileSync(file, 'utf8').split('\n').findIndex(line => line.includes(marker));
    assert.ok(index >= 0, `${marker} not found in ${file}`);
    return index + 1;
}

/** Runs a fixture with Python 3.12 and resolves once it printed "ready". */
export async function startFixture(script: string): Promise<ChildProcess> {
    const child = await startProcess(requireFile(PYTHON_312, 'pyenv Python 3.12.1'), [script]);
    await waitForLine(child, /ready \d+/, 20_000);
    return child;
}

/** Pauses the main thread and returns its frames, innermost first. */
export async function pauseAndGetStack(client: DebugClient): Promise<DebugProtocol.StackFrame[]> {
    const threads = (await client.threadsRequest()).body.threads;
    const main = threads.find(thread => /MainThread/.test(thread.name)) ?? threads[0];
    assert.ok(main !== undefined, `no thread in ${JSON.stringify(threads)}`);
    const stopped = client.waitForEvent('stopped');
    await client.pauseRequest({ threadId: main.id });
    assert.strictEqual((await stopped).body.reason, 'pause');
    return (await client.stackTraceRequest({ threadId: main.id })).body.stackFrames;
}

/** The process runs on (not stopped, not gone) after pyprobe left it. */
export function assertRunning(pid: number): void {
    const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    assert.ok(state === 'S' || state === 'R', `process ${pid} is in state ${state}, expected running or sleeping`);
}
