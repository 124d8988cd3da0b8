import * as assert from 'assert';
import { disconnect, pause, SESSION_START_MS, selectCountFrame } from '../support/sessionSteps';
import { REMOTE_CONFIGURATION, world } from '../support/world';

/** A frame of the fixture's own code in the flame graph: "spin (/tmp/.../counter.py:31)". */
const FIXTURE_FRAME = /^(tick|spin) \(.*counter\.py:\d+\)$/;

/**
 * The same process through `pyprobe serve` with a token. That server runs as on a host that does
 * not deliver hardware breakpoints, and the configuration asks for watchpoints: its breakpoints
 * can never fire, and must say so.
 */
describe('remote attach through pyprobe serve with a token', () => {
    it('starts the remote configuration from the Run and Debug view', async () => {
        const w = world();
        await w.views.start(REMOTE_CONFIGURATION);
        await w.toolbar.waitFor('Pause', SESSION_START_MS);
        await w.console.lineMatching(new RegExp(`Attached to Python 3\\.12\\.1 process ${w.target.pid}\\b`));
    });

    it('shows the remote process and the configured mechanism in the status bar', async () => {
        const w = world();
        await w.workbench.statusBarItem(new RegExp(`PID ${w.target.pid} on 127\\.0\\.0\\.1:${w.serve.port} runs under observation · tracing: watchpoint`));
    });

    it('point 2: pauses, Variables and the Debug Console agree, and it says the values followed the stacks', async () => {
        const w = world();
        await pause(w);
        await w.console.lineMatching(/were read in the [\d.]+ ms after the stacks, while it ran/);
        await selectCountFrame(w);
        const n = await w.views.variable('n');
        assert.strictEqual(await w.console.evaluate('n'), n);
    });

    it('point 7: F9 on a host without hardware breakpoints gives an unverified breakpoint, with the reason', async () => {
        const w = world();
        const line = w.workspace.lineOf('TICK_LINE');
        await w.editor.open('counter.py');
        await w.editor.toggleBreakpoint(line);
        await w.editor.gutterGlyph(line, /codicon-debug-breakpoint-unverified/);
        await w.views.breakpoint(`${line}`, false);
        assert.match(await w.views.breakpointHover(`${line}`), /hardware breakpoints/);
        await w.console.lineMatching(/hardware breakpoints/, 'hardware');
    });

    it('point 7: a function breakpoint that can never fire here shows unverified, with the reason', async () => {
        const w = world();
        await w.views.addFunctionBreakpoint('tick');
        await w.views.breakpoint('tick', false);
        assert.match(await w.views.breakpointHover('tick'), /hardware breakpoints/);
    });

    it('continues', async () => {
        const w = world();
        await w.views.removeAllBreakpoints();
        await w.toolbar.click('Continue');
        await w.toolbar.waitFor('Pause');
    });

    it('profiles the remote process through pyprobe serve, and shows the flame graph', async () => {
        const w = world();
        await w.workbench.runCommand('pyprobe: Profile Process...');
        await w.workbench.typeIntoQuickPick('3', '3 s');
        await w.workbench.toastShowing(new RegExp(`recording PID ${w.target.pid} on 127\\.0\\.0\\.1:${w.serve.port} for 3 s: [123] s left`));
        // Its own panel, named after the server it came through, in front of the local session's.
        await w.editor.activeTab(`Profile of PID ${w.target.pid} on 127.0.0.1:${w.serve.port}`);
        await w.flameGraph.document();
        const labels = await w.flameGraph.labels();
        assert.ok(labels.some(label => FIXTURE_FRAME.test(label)), `the fixture's functions are not in the graph: ${labels.join(' | ')}`);
    });

    it('disconnects with the process running on', async () => {
        await disconnect(world());
    });
});
