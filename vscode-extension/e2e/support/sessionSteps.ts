import * as assert from 'assert';
import { World } from './world';

/** Steps every session takes the same way, whichever way it was started. */

/** From starting a session to its toolbar: the server's JVM starts and attaches (5 to 17 s seen here). */
export const SESSION_START_MS = 60_000;

/** Presses Pause and waits for the snapshot: Continue offered, the counter thread's stack shown down to count(). */
export async function pause(w: World): Promise<void> {
    await w.toolbar.click('Pause');
    await w.toolbar.waitFor('Continue');
    await w.views.framesShowing('counter', 'count');
}

/** Selects the counter thread's count() frame, whose locals n and order the suites read. */
export async function selectCountFrame(w: World): Promise<void> {
    await w.views.selectFrame('count');
    await w.views.expandScope('Locals');
}

/** Presses Disconnect, sees the session end, and sees the process run on. */
export async function disconnect(w: World): Promise<void> {
    await w.toolbar.click('Disconnect');
    await w.toolbar.gone();
    assert.ok(await w.target.stillRuns(), `process ${w.target.pid} stopped running after the disconnect`);
}

/** The toasts that `action` made appear. */
export async function toastsDuring(w: World, action: () => Promise<void>): Promise<string[]> {
    const before = (await w.workbench.toasts()).length;
    await action();
    return (await w.workbench.toasts()).slice(before);
}
