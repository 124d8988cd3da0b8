import { ChildProcess } from 'child_process';
import { isAlive, startProcess, stopProcess, waitForLine } from '../../test/support/processes';
import { PYTHON, requireFile } from './paths';

/** A Python process the sessions attach to: a fixture of e2e/fixtures, run from the workspace, that prints "ready <pid>". */
export class Target {
    private constructor(private readonly child: ChildProcess, readonly pid: number) {}

    static async start(script: string): Promise<Target> {
        const child = await startProcess(requireFile(PYTHON, 'pyenv Python 3.12.1'), [script]);
        const ready = await waitForLine(child, /ready (\d+)/, 15_000);
        return new Target(child, Number.parseInt(ready[1], 10));
    }

    /** True when the process exists and still prints its once-a-second line: it runs, not only lives. */
    async stillRuns(): Promise<boolean> {
        if (!isAlive(this.pid)) {
            return false;
        }
        try {
            await waitForLine(this.child, /alive/, 5_000);
            return true;
        } catch {
            return false;
        }
    }

    stop(): Promise<void> {
        return stopProcess(this.child);
    }
}
