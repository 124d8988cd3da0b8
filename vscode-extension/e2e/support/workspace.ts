import * as fs from 'fs';
import * as path from 'path';
import { tempFolder } from '../../test/support/tempFolders';
import { FIXTURE, TASKS_FIXTURE } from './paths';

/** A workspace folder as a user has it: the programs' sources, and a launch.json written later. */
export class Workspace {
    readonly folder = tempFolder('e2e-workspace');
    /** The program the target runs, so stack frames and breakpoints name this file. */
    readonly script = path.join(this.folder, path.basename(FIXTURE));
    /** The asyncio program of the tasks suite. */
    readonly tasksScript = path.join(this.folder, path.basename(TASKS_FIXTURE));

    constructor() {
        fs.copyFileSync(FIXTURE, this.script);
        fs.copyFileSync(TASKS_FIXTURE, this.tasksScript);
    }

    writeLaunchJson(configurations: Record<string, unknown>[]): void {
        fs.mkdirSync(path.join(this.folder, '.vscode'), { recursive: true });
        fs.writeFileSync(path.join(this.folder, '.vscode', 'launch.json'),
            JSON.stringify({ version: '0.2.0', configurations }, null, 2));
    }

    /** The 1-based line of the script that carries `marker` in a comment. */
    lineOf(marker: string): number {
        const index = fs.readFileSync(this.script, 'utf8').split('\n').findIndex(line => line.includes(`# ${marker}`));
        if (index < 0) {
            throw new Error(`${marker} is not in ${this.script}`);
        }
        return index + 1;
    }
}
