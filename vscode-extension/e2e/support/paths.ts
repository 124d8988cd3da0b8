import * as fs from 'fs';
import * as path from 'path';

/** Where the suite finds what it runs, on this project's machines (scripts/install-code-server). */
export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURE = path.join(EXTENSION_ROOT, 'e2e', 'fixtures', 'counter.py');
export const TASKS_FIXTURE = path.join(EXTENSION_ROOT, 'e2e', 'fixtures', 'tasks.py');
export const PROFILED_FIXTURE = path.join(EXTENSION_ROOT, 'e2e', 'fixtures', 'profiled.py');
/** speedscope's own build (a devDependency): its viewer page and the schema of its file format. */
export const SPEEDSCOPE_RELEASE = path.join(EXTENSION_ROOT, 'node_modules', 'speedscope', 'dist', 'release');
/** Each run replaces this folder; vscode-extension/README.md names it. */
export const SCREENSHOTS = path.join(EXTENSION_ROOT, 'e2e', 'screenshots');
export const PYTHON = '/root/.pyenv/versions/3.12.1/bin/python';
export const CHROMIUM = '/usr/bin/chromium';

/** The code-server install that scripts/install-code-server made, passed on by scripts/test-vscode-extension. */
export function codeServerRoot(): string {
    const root = process.env.PYPROBE_CODE_SERVER_ROOT;
    if (root === undefined || root === '') {
        throw new Error('PYPROBE_CODE_SERVER_ROOT is not set: run the suite with '
            + 'PYPROBE_CODE_SERVER_ROOT="$(scripts/install-code-server)" npm run e2e, or through scripts/test-vscode-extension');
    }
    return requireFile(path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), 'code-server, from scripts/install-code-server');
}

/** The package that `vsce package` made from this checkout, with the server jar inside. */
export function builtVsix(): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    return requireFile(path.join(EXTENSION_ROOT, `${manifest.name}-${manifest.version}.vsix`), 'the extension package, from npx vsce package');
}

export function requireFile(file: string, what: string): string {
    if (!fs.existsSync(file)) {
        throw new Error(`${file} is missing (${what})`);
    }
    return file;
}
