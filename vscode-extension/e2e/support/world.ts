import { randomBytes } from 'crypto';
import * as path from 'path';
import { DebugConsole } from '../workbench/debugConsole';
import { DebugToolbar } from '../workbench/debugToolbar';
import { DebugViews } from '../workbench/debugViews';
import { Editor } from '../workbench/editor';
import { FlameGraph } from '../workbench/flameGraph';
import { Workbench } from '../workbench/workbench';
import { openBrowser } from './browser';
import { HostTracing, hostTracing } from './hostTracing';
import { CodeServer } from './codeServer';
import { builtVsix, codeServerRoot, SCREENSHOTS } from './paths';
import { PyprobeServe } from './pyprobeServe';
import { Screenshots } from './screenshots';
import { Target } from './target';
import { Workspace } from './workspace';

export const LOCAL_CONFIGURATION = 'pyprobe: counter (local)';
export const REMOTE_CONFIGURATION = 'pyprobe: counter (pyprobe serve)';
export const TASKS_CONFIGURATION = 'pyprobe: asyncio tasks (local)';

/**
 * What every suite shares, set up once for the run: the target processes, a remote `pyprobe serve`,
 * code-server with the freshly built extension in a new profile, and one browser page on it.
 */
export interface World {
    readonly workspace: Workspace;
    readonly target: Target;
    /** The asyncio program (e2e/fixtures/tasks.py). */
    readonly tasksTarget: Target;
    readonly serve: PyprobeServe;
    /** The pyprobe jar inside the installed extension, which the command-line steps run. */
    readonly serverJar: string;
    /** What this host lets the local session trace. */
    readonly tracing: HostTracing;
    readonly workbench: Workbench;
    readonly views: DebugViews;
    readonly toolbar: DebugToolbar;
    readonly console: DebugConsole;
    readonly editor: Editor;
    readonly flameGraph: FlameGraph;
    readonly shots: Screenshots;
}

let current: World | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

export function world(): World {
    if (current === undefined) {
        throw new Error('the e2e world was not set up (its before hook failed)');
    }
    return current;
}

async function setUp(): Promise<World> {
    const workspace = new Workspace();
    const target = await Target.start(workspace.script);
    cleanups.push(() => target.stop());
    const tasksTarget = await Target.start(workspace.tasksScript);
    cleanups.push(() => tasksTarget.stop());
    // The token reaches launch.json as ${env:PYPROBE_TOKEN}, as the extension's README advises.
    const token = randomBytes(16).toString('hex');
    const codeServer = await CodeServer.start(codeServerRoot(), builtVsix(), workspace.folder, { PYPROBE_TOKEN: token });
    cleanups.push(() => codeServer.stop());
    const serve = await PyprobeServe.start(codeServer.installedJar(), token);
    cleanups.push(() => serve.stop());
    const tracing = await hostTracing(codeServer.installedJar(), target.pid);
    if (!tracing.watchpoints) {
        console.log(`e2e: no hardware watchpoints on this host (${tracing.watchpointLine}): `
            + 'the local line breakpoint is checked to say why it cannot hit, instead of for its hits');
    }
    // The local session freezes the process while a snapshot and its first values are read, so what
    // a pause shows is one moment; the remote one does not, and is told that its values follow the stacks.
    workspace.writeLaunchJson([
        { type: 'pyprobe', request: 'attach', name: LOCAL_CONFIGURATION, processId: target.pid, freeze: true },
        {
            type: 'pyprobe', request: 'attach', name: REMOTE_CONFIGURATION, host: '127.0.0.1', port: serve.port,
            token: '${env:PYPROBE_TOKEN}', processId: target.pid, tracingMechanism: 'watchpoint',
        },
        { type: 'pyprobe', request: 'attach', name: TASKS_CONFIGURATION, processId: tasksTarget.pid },
    ]);
    const { browser, page } = await openBrowser();
    cleanups.push(() => browser.close());
    const workbench = await Workbench.open(page, codeServer.url);
    return {
        workspace, target, tasksTarget, serve, serverJar: codeServer.installedJar(), tracing, workbench,
        views: new DebugViews(page),
        toolbar: new DebugToolbar(page),
        console: new DebugConsole(page),
        editor: new Editor(page),
        flameGraph: new FlameGraph(page),
        shots: new Screenshots(page, SCREENSHOTS),
    };
}

before(async function () {
    this.timeout(180_000);
    current = await setUp();
    await current.shots.take('workbench-open');
});

// Each step's screenshot shows the screen as the step left it, also when it failed.
afterEach(async function () {
    const test = this.currentTest;
    if (current !== undefined && test !== undefined) {
        const suite = path.basename(test.file ?? '', '.e2e.js');
        await current.shots.take(`${suite}-${test.title}`, test.state === 'failed' ? 'FAILED' : undefined);
    }
});

after(async function () {
    this.timeout(60_000);
    for (const cleanup of cleanups.reverse()) {
        await cleanup().catch(error => console.error(`cleanup: ${(error as Error).message}`));
    }
});
