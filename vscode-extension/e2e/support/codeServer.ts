import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { promisify } from 'util';
import { tempFolder } from '../../test/support/tempFolders';
import { eventually } from './waiting';

/**
 * User settings of the new profile. They spare the run what a person clicks away once (the trust
 * prompt, the welcome page) and keep code-server from reaching the network; none changes how
 * debugging looks or works.
 */
const SETTINGS = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
};

/** code-server (VS Code's workbench and extension host) with a new profile that has only the extension installed. */
export class CodeServer {
    private constructor(private readonly child: ChildProcess, readonly port: number, private readonly workspace: string,
        readonly extensionsDir: string) {}

    /** @param env added to code-server's environment, which debug sessions and `${env:...}` see */
    static async start(entry: string, vsix: string, workspace: string, env: NodeJS.ProcessEnv): Promise<CodeServer> {
        const profile = tempFolder('e2e-profile');
        const userData = path.join(profile, 'user-data');
        const extensionsDir = path.join(profile, 'extensions');
        fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
        fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
        // code-server writes a config.yaml into XDG_CONFIG_HOME at every start: kept in the profile.
        const fullEnv = { ...process.env, ...env, XDG_CONFIG_HOME: path.join(profile, 'config'), XDG_DATA_HOME: path.join(profile, 'data') };
        const profileArgs = ['--user-data-dir', userData, '--extensions-dir', extensionsDir];
        await promisify(execFile)(process.execPath, [entry, '--install-extension', vsix, ...profileArgs], { env: fullEnv });
        const port = await freePort();
        // A process group of its own: code-server runs its server in a child process, and that one the
        // extension host and a file watcher, which would outlive a kill of the first process alone.
        const child = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
            '--disable-update-check', ...profileArgs, workspace],
        { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const log = fs.createWriteStream(path.join(profile, 'code-server.log'));
        child.stdout.pipe(log);
        child.stderr.pipe(log);
        const server = new CodeServer(child, port, workspace, extensionsDir);
        await eventually('code-server answering /healthz', () => healthz(port), status => status === 200, 30_000);
        return server;
    }

    /** The workbench with the workspace open. */
    get url(): string {
        return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
    }

    /** The server jar inside the installed extension: the one built with it. */
    installedJar(): string {
        const installed = fs.readdirSync(this.extensionsDir).find(name => name.startsWith('pyprobe.pyprobe-'));
        if (installed === undefined) {
            throw new Error(`the extension is not installed in ${this.extensionsDir}`);
        }
        return path.join(this.extensionsDir, installed, 'server', 'pyprobe.jar');
    }

    /** Kills code-server's whole process group and waits for its first process to be reaped. */
    stop(): Promise<void> {
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
            return Promise.resolve();
        }
        return new Promise(resolve => {
            this.child.once('exit', () => resolve());
            process.kill(-this.child.pid!, 'SIGKILL');
        });
    }
}

function healthz(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/healthz' }, response => {
            response.resume();
            resolve(response.statusCode ?? 0);
        }).on('error', reject);
    });
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}
