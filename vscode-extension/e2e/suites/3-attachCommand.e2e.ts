import * as assert from 'assert';
import { disconnect, pause, SESSION_START_MS } from '../support/sessionSteps';
import { world } from '../support/world';

describe('the "pyprobe: Attach to Python Process" command', () => {
    it('lists the Python processes with PID, version and command line', async () => {
        const w = world();
        await w.workbench.runCommand('pyprobe: Attach to Python Process');
        const rows = await w.workbench.quickPickRows();
        const row = rows.find(text => text.startsWith(`${w.target.pid}`));
        assert.ok(row !== undefined, `the target is not offered: ${rows.join(' | ')}`);
        assert.match(row, /Python 3\.12\.1/);
        assert.ok(row.includes(w.workspace.script), `the command line is not shown: ${row}`);
    });

    it('attaches to the chosen process', async () => {
        const w = world();
        await w.workbench.pickQuickPickRow(`${w.target.pid}`);
        await w.toolbar.waitFor('Pause', SESSION_START_MS);
        await w.console.lineMatching(new RegExp(`Attached to Python 3\\.12\\.1 process ${w.target.pid}\\b`));
        await pause(w);
    });

    it('disconnects, and the process runs on', async () => {
        await disconnect(world());
    });
});
