import { execFile } from 'child_process';
import { promisify } from 'util';
import { findJava } from '../../src/core/javaRuntime';

/**
 * Whether the local session's line breakpoints can hit here, as `pyprobe mechanisms PID` says for
 * the target: line tracepoints need hardware watchpoints, which some hosts never deliver (the
 * suite then checks that the breakpoint says so instead of checking its hits).
 */
export interface HostTracing {
    readonly watchpoints: boolean;
    /** pyprobe's line about watchpoints, e.g. "watchpoint  unavailable: hardware breakpoints are not delivered ...". */
    readonly watchpointLine: string;
}

export async function hostTracing(jar: string, pid: number): Promise<HostTracing> {
    const java = await findJava({ env: process.env });
    const { stdout } = await promisify(execFile)(java.executable, ['-jar', jar, 'mechanisms', `${pid}`],
        { env: process.env, timeout: 60_000 });
    const line = stdout.split('\n').find(l => l.startsWith('watchpoint '));
    if (line === undefined) {
        throw new Error(`pyprobe mechanisms ${pid} printed no watchpoint line: ${stdout}`);
    }
    return { watchpoints: /^watchpoint\s+available$/.test(line.trim()), watchpointLine: line.trim() };
}
