import * as assert from 'assert';
import { SESSION_START_MS } from '../support/sessionSteps';
import { TASKS_CONFIGURATION, world } from '../support/world';

/** An asyncio program (e2e/fixtures/tasks.py): its pending tasks show in the Call Stack of a pause. */
describe('asyncio tasks in the Call Stack', () => {
    it('attaches to the asyncio program and pauses', async () => {
        const w = world();
        await w.views.start(TASKS_CONFIGURATION);
        await w.toolbar.waitFor('Pause', SESSION_START_MS);
        await w.console.lineMatching(new RegExp(`Attached to Python 3\\.12\\.1 process ${w.tasksTarget.pid}\\b`));
        await w.toolbar.click('Pause');
        await w.toolbar.waitFor('Continue');
    });

    it('lists each pending task as a thread named after it, with the tasks it waits for', async () => {
        const w = world();
        await w.views.collapseThread('MainThread');
        const rows = await w.views.callStackRows();
        for (const task of [/^task worker-1 \(awaited by Task-1\)/, /^task worker-2 \(awaited by Task-1\)/,
            /^task heartbeat \(awaited by Task-1\)/, /^task Task-1 \(awaits 3 tasks\)/]) {
            assert.ok(rows.some(row => task.test(row)), `no row matching ${task} in ${JSON.stringify(rows)}`);
        }
    });

    it('shows a task\'s coroutine frames as its stack, and their locals', async () => {
        const w = world();
        await w.views.expandThread('task worker-1');
        const frames = await w.views.framesShowing('task worker-1', 'worker');
        assert.deepStrictEqual(frames.slice(0, 3), ['Event.wait', 'wait_for_work', 'worker']);
        await w.views.selectFrame('wait_for_work');
        await w.views.expandScope('Locals');
        assert.strictEqual(await w.views.variable('queue_name'), "'jobs-1'");
    });

    it('continues, and disconnects with the process running on', async () => {
        const w = world();
        await w.toolbar.click('Continue');
        await w.toolbar.waitFor('Pause');
        await w.toolbar.click('Disconnect');
        await w.toolbar.gone();
        assert.ok(await w.tasksTarget.stillRuns(), `process ${w.tasksTarget.pid} stopped running after the disconnect`);
    });
});
