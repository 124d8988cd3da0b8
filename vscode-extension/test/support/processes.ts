import { ChildProcess, spawn } from 'child_process';

/** Starts a real process and resolves once it runs (exec done), so /proc shows its binary. */
export function startProcess(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
        child.once('error', reject);
        child.once('spawn', () => resolve(child));
    });
}

/** Resolves when the process prints a match of `pattern` (stdout or stderr); rejects on exit or after timeoutMs. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => finish(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output: ${seen}`)), timeoutMs);
        const onData = (chunk: Buffer) => {
            seen += chunk.toString('utf8');
            const match = pattern.exec(seen);
            if (match) {
                finish(undefined, match);
            }
        };
        const onExit = (code: number | null) => finish(new Error(`process exited (${code}) before printing ${pattern}; output: ${seen}`));
        const finish = (error?: Error, match?: RegExpExecArray) => {
            clearTimeout(timer);
            child.stdout?.off('data', onData);
            child.stderr?.off('data', onData);
            child.off('exit', onExit);
            if (error) {
                reject(error);
            } else {
                resolve(match!);
            }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', onExit);
    });
}

export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** Kills the process and waits for it to be reaped, so no test leaves one behind. */
export function stopProcess(child: ChildProcess | undefined): Promise<void> {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve();
    }
    return new Promise(resolve => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
    });
}
