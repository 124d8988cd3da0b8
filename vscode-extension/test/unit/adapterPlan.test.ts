import * as assert from 'assert';
import { planAdapter, serverCommand } from '../../src/core/adapterPlan';
import { resolveAttachConfiguration } from '../../src/core/configuration';

const server = serverCommand('/usr/bin/java', '/ext/server/pyprobe.jar');
const mappings = [{ remoteRoot: '/srv/app', localRoot: '/home/me/app' }];

function plan(raw: Record<string, unknown>) {
    const config = resolveAttachConfiguration({ type: 'pyprobe', request: 'attach', processId: 12, ...raw });
    return planAdapter(config, config.target.kind === 'local' ? server : undefined);
}

describe('planAdapter', () => {
    it('starts the bundled server on stdio for a local attach', () => {
        assert.deepStrictEqual(plan({}), { kind: 'executable', command: '/usr/bin/java', args: ['-jar', '/ext/server/pyprobe.jar', 'dap'] });
    });

    it('lets VS Code connect to a remote server over plain TCP', () => {
        assert.deepStrictEqual(plan({ host: 'worker', port: 5678, token: 't' }), { kind: 'server', host: 'worker', port: 5678 });
    });

    it('relays TLS through the inline adapter', () => {
        assert.deepStrictEqual(plan({ host: 'worker', port: 5678, tls: true }), {
            kind: 'inline', transport: { kind: 'tls', host: 'worker', port: 5678, caFile: undefined, fingerprint: undefined }, pathMappings: [],
        });
    });

    it('relays through the inline adapter when paths are mapped, locally or remotely', () => {
        assert.deepStrictEqual(plan({ pathMappings: mappings }), {
            kind: 'inline', transport: { kind: 'stdio', command: '/usr/bin/java', args: ['-jar', '/ext/server/pyprobe.jar', 'dap'] },
            pathMappings: mappings,
        });
        assert.deepStrictEqual(plan({ port: 5678, pathMappings: mappings }), {
            kind: 'inline', transport: { kind: 'tcp', host: '127.0.0.1', port: 5678 }, pathMappings: mappings,
        });
    });

    it('needs the server command for a local attach', () => {
        const config = resolveAttachConfiguration({ type: 'pyprobe', request: 'attach', processId: 12 });
        assert.throws(() => planAdapter(config), /needs the command that starts the pyprobe server/);
    });
});
