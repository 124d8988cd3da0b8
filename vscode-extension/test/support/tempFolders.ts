import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const created: string[] = [];

/** A fresh folder under the system temp folder, removed when the test run ends. */
export function tempFolder(prefix: string): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `pyprobe-${prefix}-`));
    created.push(folder);
    return folder;
}

after(() => {
    for (const folder of created.splice(0)) {
        fs.rmSync(folder, { recursive: true, force: true });
    }
});
