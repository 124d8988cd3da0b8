import * as assert from 'assert';
import { resolveAttachConfiguration } from '../../src/core/configuration';
import { Observation, observationLabel } from '../../src/core/observation';

let seq = 0;
function request(command: string, args: Record<string, unknown> = {}) {
    return { seq: ++seq, type: 'request', command, arguments: args };
}
function response(to: { seq: number; command: string }, body: Record<string, unknown> = {}, success = true) {
    return { seq: ++seq, type: 'response', request_seq: to.seq, command: to.command, success, body };
}
function event(name: string, body: Record<string, unknown> = {}) {
    return { seq: ++seq, type: 'event', event: name, body };
}

/** An observation that has seen a successful attach. */
function attached(configured?: string): Observation {
    const observation = new Observation(configured);
    const attach = request('attach', { processId: 42 });
    observation.toAdapter(attach);
    observation.fromAdapter(response(attach));
    return observation;
}

/** Sends a set of breakpoints and its answer; returns the request. */
function answerBreakpoints(observation: Observation, command: string, breakpoints: Record<string, unknown>[], path = '/w/app.py') {
    const sent = request(command, command === 'setBreakpoints' ? { source: { path } } : {});
    observation.toAdapter(sent);
    observation.fromAdapter(response(sent, { breakpoints }));
}

describe('observation status', () => {
    it('is attached only after a successful attach, and until the session ends', () => {
        const observation = new Observation();
        const attach = request('attach');
        observation.toAdapter(attach);
        assert.strictEqual(observation.isAttached, false);
        observation.fromAdapter(response(attach, {}, false));
        assert.strictEqual(observation.isAttached, false);
        const again = attached();
        assert.strictEqual(again.isAttached, true);
        again.fromAdapter(event('terminated'));
        assert.strictEqual(again.isAttached, false);
    });

    it('names the mechanisms of the verified tracepoints, not of refused ones', () => {
        const observation = attached();
        assert.match(observation.tracingSummary(), /none yet/);
        answerBreakpoints(observation, 'setFunctionBreakpoints', [
            { id: 1, verified: true, message: '0 hits (uprobe (not usdt: no probe; not watchpoint: not delivered))' },
            { id: 2, verified: false, message: 'No function named nothing (watchpoint would not do)' },
        ]);
        answerBreakpoints(observation, 'setBreakpoints', [{ id: 3, verified: true, message: '4 hits (watchpoint)' }]);
        assert.deepStrictEqual(observation.mechanisms(), ['watchpoint', 'uprobe']);
        assert.strictEqual(observation.tracingSummary(), 'tracing: watchpoint, uprobe');
    });

    it('replaces a set of breakpoints by the next set of the same kind and source', () => {
        const observation = attached();
        answerBreakpoints(observation, 'setBreakpoints', [{ id: 3, verified: true, message: '0 hits (watchpoint)' }], '/w/a.py');
        answerBreakpoints(observation, 'setBreakpoints', [{ id: 4, verified: true, message: '0 hits (usdt)' }], '/w/b.py');
        answerBreakpoints(observation, 'setBreakpoints', [], '/w/a.py');
        assert.deepStrictEqual(observation.mechanisms(), ['usdt']);
    });

    it('follows breakpoint events that change or remove a tracepoint', () => {
        const observation = attached();
        answerBreakpoints(observation, 'setFunctionBreakpoints', [
            { id: 1, verified: true, message: '0 hits (watchpoint)' },
            { id: 2, verified: true, message: '0 hits (uprobe)' },
        ]);
        observation.fromAdapter(event('breakpoint', { reason: 'changed', breakpoint: { id: 1, verified: false, message: 'removed: over budget' } }));
        observation.fromAdapter(event('breakpoint', { reason: 'removed', breakpoint: { id: 2 } }));
        assert.deepStrictEqual(observation.mechanisms(), []);
    });

    it('says a configured mechanism before any breakpoint is set', () => {
        assert.strictEqual(attached('uprobe').tracingSummary(), 'tracing: uprobe (configured)');
    });

    it('labels local and remote targets with the PID', () => {
        const observation = attached();
        const local = observationLabel(resolveAttachConfiguration({ type: 'pyprobe', request: 'attach', processId: 42 }), observation);
        assert.match(local.text, /^\$\(eye\) PID 42 runs under observation · tracing: none yet/);
        const remote = observationLabel(resolveAttachConfiguration(
            { type: 'pyprobe', request: 'attach', processId: 42, host: 'worker', port: 4711 }), observation);
        assert.match(remote.text, /PID 42 on worker:4711 runs under observation/);
    });
});
