import { ChildProcess } from 'child_process';
import { findJava } from '../../src/core/javaRuntime';
import { startProcess, stopProcess, waitForLine } from '../../test/support/processes';

/**
 * `pyprobe serve` on loopback with a token, as a remote host would run it, from the jar inside the
 * installed extension. Hardware breakpoints are turned off in it (PYPROBE_HARDWARE_BREAKPOINTS=off,
 * as on hosts that do not deliver them), so its sessions show breakpoints that cannot fire.
 */
export class PyprobeServe {
    private constructor(private readonly child: ChildProcess, readonly port: number) {}

    static async start(jar: string, token: string): Promise<PyprobeServe> {
        const java = await findJava({ env: process.env });
        const child = await startProcess(java.executable, ['-jar', jar, 'serve', '--port', '0', '--token', token],
            { ...process.env, PYPROBE_HARDWARE_BREAKPOINTS: 'off' });
        const listening = await waitForLine(child, /pyprobe listening on [^\s:]+:(\d+)/, 30_000);
        return new PyprobeServe(child, Number.parseInt(listening[1], 10));
    }

    stop(): Promise<void> {
        return stopProcess(this.child);
    }
}
