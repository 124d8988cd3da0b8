import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
    completeConfiguration, ConfigurationError, PICK_PROCESS_VARIABLE, resolveAttachConfiguration,
} from '../../src/core/configuration';
import { tempFolder } from '../support/tempFolders';

function rejects(raw: Record<string, unknown>, message: RegExp): void {
    assert.throws(() => resolveAttachConfiguration(raw),
        (error: unknown) => error instanceof ConfigurationError && message.test(error.message));
}

const attach = { type: 'pyprobe', request: 'attach', name: 'test' };

describe('completeConfiguration', () => {
    it('turns an empty configuration (F5 without launch.json) into a local attach that asks for the process', () => {
        assert.deepStrictEqual(completeConfiguration({}), {
            name: 'pyprobe: Attach to Python process', type: 'pyprobe', request: 'attach', processId: PICK_PROCESS_VARIABLE,
        });
    });

    it('asks for the process only for a local attach without a PID', () => {
        assert.strictEqual(completeConfiguration({ ...attach, processId: 42 }).processId, 42);
        assert.strictEqual(completeConfiguration({ ...attach, port: 5678 }).processId, undefined);
    });

    it('keeps every attribute the user wrote', () => {
        const written = { ...attach, processId: 7, freeze: true, pathMappings: [] };
        assert.deepStrictEqual(completeConfiguration(written), written);
    });
});

describe('resolveAttachConfiguration', () => {
    it('resolves a local attach, taking the PID the process picker returns as a string', () => {
        assert.deepStrictEqual(resolveAttachConfiguration({ ...attach, processId: '4242' }), {
            processId: 4242, freeze: false, token: undefined, target: { kind: 'local' }, pathMappings: [],
        });
    });

    it('resolves a remote attach with defaults for host and tls', () => {
        const resolved = resolveAttachConfiguration({ ...attach, processId: 10, port: '5678', token: 's3cret', freeze: true });
        assert.deepStrictEqual(resolved, {
            processId: 10, freeze: true, token: 's3cret', pathMappings: [],
            target: { kind: 'remote', host: '127.0.0.1', port: 5678, tls: false, tlsCaFile: undefined, tlsFingerprint: undefined },
        });
    });

    it('accepts TLS with a readable CA file and path mappings', () => {
        const caFile = path.join(tempFolder('ca'), 'ca.pem');
        fs.writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');
        const resolved = resolveAttachConfiguration({
            ...attach, processId: 1, host: 'worker-7', port: 443, tls: true, tlsCaFile: caFile,
            pathMappings: [{ remoteRoot: '/srv/app', localRoot: '/home/me/app' }],
        });
        assert.deepStrictEqual(resolved.target,
            { kind: 'remote', host: 'worker-7', port: 443, tls: true, tlsCaFile: caFile, tlsFingerprint: undefined });
        assert.deepStrictEqual(resolved.pathMappings, [{ remoteRoot: '/srv/app', localRoot: '/home/me/app' }]);
    });

    it('accepts the certificate fingerprint as the server prints it', () => {
        const printed = 'ab:CD:' + '0f:'.repeat(29) + '12';
        const resolved = resolveAttachConfiguration({ ...attach, processId: 1, port: 4711, tls: true, tlsFingerprint: printed });
        assert.strictEqual((resolved.target as { tlsFingerprint?: string }).tlsFingerprint, 'ABCD' + '0F'.repeat(29) + '12');
    });

    it('refuses a fingerprint that is not SHA-256, or one given with a CA file or without tls', () => {
        rejects({ ...attach, processId: 1, port: 1, tls: true, tlsFingerprint: 'AB:CD' }, /"tlsFingerprint" must be a SHA-256 fingerprint \(64 hex digits/);
        rejects({ ...attach, processId: 1, port: 1, tls: true, tlsFingerprint: 'A'.repeat(64), tlsCaFile: '/etc/hostname' },
            /"tlsCaFile" and "tlsFingerprint" are two ways to trust the server: keep one/);
        rejects({ ...attach, processId: 1, port: 1, tlsFingerprint: 'A'.repeat(64) }, /"tlsFingerprint" is set but "tls" is not true/);
    });

    it('refuses launch: pyprobe only attaches', () => rejects({ ...attach, request: 'launch', processId: 1 }, /"request" must be "attach"/));
    it('refuses another debug type', () => rejects({ ...attach, type: 'python', processId: 1 }, /"type" must be "pyprobe"/));
    it('requires a PID', () => rejects({ ...attach }, /"processId" is required: a PID, or "\$\{command:pyprobe.pickProcess\}"/));
    it('requires a PID on the remote host', () => rejects({ ...attach, port: 1 }, /required for a remote attach/));
    it('refuses a PID that is not a positive integer', () => {
        rejects({ ...attach, processId: 'abc' }, /positive process ID, not "abc"/);
        rejects({ ...attach, processId: -3 }, /positive process ID, not -3/);
        rejects({ ...attach, processId: 0 }, /positive process ID, not 0/);
        rejects({ ...attach, processId: 1.5 }, /positive process ID, not 1.5/);
    });
    it('refuses a port out of range', () => rejects({ ...attach, processId: 1, port: 70000 }, /"port" must be a TCP port from 1 to 65535, not 70000/));
    it('requires a port when a host is given', () => rejects({ ...attach, processId: 1, host: 'h' }, /"port" is required when "host" is set/));
    it('refuses a host with spaces', () => rejects({ ...attach, processId: 1, host: 'a b', port: 1 }, /"host" must be a host name/));
    it('refuses remote-only attributes on a local attach', () =>
        rejects({ ...attach, processId: 1, token: 't', tls: true }, /"token", "tls" only apply to a remote attach/));
    it('refuses an unknown breakpoint action and an impossible hit rate', () => {
        rejects({ ...attach, processId: 1, breakpointAction: 'pause' }, /"breakpointAction" must be one of "log", "snapshot", "stop"/);
        rejects({ ...attach, processId: 1, tracingMechanism: 'kprobe' }, /"tracingMechanism" must be one of "usdt", "watchpoint", "uprobe"/);
        rejects({ ...attach, processId: 1, acceptTracingCost: 'yes' }, /"acceptTracingCost" must be true or false/);
        rejects({ ...attach, processId: 1, maxHitsPerSecond: 0 }, /"maxHitsPerSecond" must be a whole number from 1 to 1000000/);
        rejects({ ...attach, processId: 1, maxHitsPerSecond: 'fast' }, /"maxHitsPerSecond"/);
        assert.doesNotThrow(() => resolveAttachConfiguration({ ...attach, processId: 1, breakpointAction: 'stop', maxHitsPerSecond: 5 }));
    });

    it('checks the asyncio task options as the server does', () => {
        rejects({ ...attach, processId: 1, asyncioTasks: 'no' }, /"asyncioTasks" must be true or false/);
        rejects({ ...attach, processId: 1, maxTasks: 0 }, /"maxTasks" must be a whole number from 1 to 1000000/);
        rejects({ ...attach, processId: 1, maxTasks: 2.5 }, /"maxTasks"/);
        rejects({ ...attach, processId: 1, maxTasks: '100' }, /"maxTasks"/);
        assert.doesNotThrow(() => resolveAttachConfiguration({ ...attach, processId: 1, asyncioTasks: false, maxTasks: 10 }));
    });

    it('refuses a non-boolean tls or freeze', () => {
        rejects({ ...attach, processId: 1, port: 1, tls: 'yes' }, /"tls" must be true or false, not "yes"/);
        rejects({ ...attach, processId: 1, freeze: 1 }, /"freeze" must be true or false/);
    });
    it('refuses an empty token', () => rejects({ ...attach, processId: 1, port: 1, token: ' ' }, /"token" must be a non-empty string/));
    it('refuses tlsCaFile without tls', () => rejects({ ...attach, processId: 1, port: 1, tlsCaFile: '/etc/hostname' }, /"tls" is not true/));
    it('refuses an unreadable tlsCaFile', () =>
        rejects({ ...attach, processId: 1, port: 1, tls: true, tlsCaFile: '/nonexistent/ca.pem' }, /cannot read \/nonexistent\/ca.pem/));
    it('refuses malformed path mappings', () => {
        rejects({ ...attach, processId: 1, pathMappings: { '/srv': '/home' } }, /"pathMappings" must be a list/);
        rejects({ ...attach, processId: 1, pathMappings: ['/srv'] }, /"pathMappings"\[0\] must be an object/);
        rejects({ ...attach, processId: 1, pathMappings: [{ remoteRoot: 'srv', localRoot: '/x' }] }, /\[0\]\.remoteRoot must be an absolute path/);
        rejects({ ...attach, processId: 1, pathMappings: [{ remoteRoot: '/srv', localRoot: 'x' }] }, /\[0\]\.localRoot must be an absolute local folder/);
    });
});
