import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { completeConfiguration, resolveAttachConfiguration } from '../../src/core/configuration';
import { MAX_RATE_HZ, PROFILE_SETTINGS_SECTION, profileOptions, SAMPLE_MODES } from '../../src/core/profile';
import * as commandIds from '../../src/vscode/commandIds';
import { EXTENSION_ROOT } from '../support/machine';
import { tempFolder } from '../support/tempFolders';

/** package.json as VS Code reads it: the contributions must agree with the code that resolves them. */
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
const debuggerContribution = manifest.contributes.debuggers[0];

/** What VS Code's variable substitution does to the variables these templates use. */
function substitute(value: unknown, workspaceFolder: string): unknown {
    return JSON.parse(JSON.stringify(value)
        .replace(/\$\{command:pyprobe\.pickProcess\}/g, '4242')
        .replace(/\$\{workspaceFolder\}/g, workspaceFolder)
        .replace(/\$\{env:PYPROBE_TOKEN\}/g, 'token-from-env'));
}

describe('package.json contributions', () => {
    it('contributes the pyprobe debug type with an attach schema', () => {
        assert.strictEqual(debuggerContribution.type, 'pyprobe');
        assert.deepStrictEqual(Object.keys(debuggerContribution.configurationAttributes), ['attach']);
    });

    it('lets breakpoints be set in Python files (F9 and the gutter)', () => {
        assert.deepStrictEqual(manifest.contributes.breakpoints, [{ language: 'python' }]);
    });

    it('offers a local and a remote initial configuration, and the local one resolves', () => {
        const [local, remote] = debuggerContribution.initialConfigurations;
        assert.deepStrictEqual(resolveAttachConfiguration(substitute(completeConfiguration(local), '/w') as Record<string, unknown>).target,
            { kind: 'local' });
        // The remote template leaves the PID to the user, and says so when it is not filled in.
        assert.throws(() => resolveAttachConfiguration(substitute(remote, '/w') as Record<string, unknown>),
            /"processId" must be a positive process ID, not 0/);
        const filled = resolveAttachConfiguration(substitute({ ...remote, processId: 77 }, '/w') as Record<string, unknown>);
        assert.deepStrictEqual([filled.target.kind, filled.token, filled.pathMappings], ['remote', 'token-from-env', [{ remoteRoot: '/srv/app', localRoot: '/w' }]]);
    });

    it('accepts every attribute of the schema', () => {
        const caFile = path.join(tempFolder('manifest'), 'ca.pem');
        fs.writeFileSync(caFile, 'pem');
        const samples: Record<string, unknown> = {
            processId: 4242, freeze: true, breakpointAction: 'snapshot', maxHitsPerSecond: 50, remoteSources: true,
            host: 'worker', port: 4711, token: 't', tls: true, tlsCaFile: caFile,
            tlsFingerprint: 'AB'.repeat(32), pathMappings: [{ remoteRoot: '/srv/app', localRoot: '/w' }],
            tracingMechanism: 'uprobe', tracingCostBudget: 0.2, acceptTracingCost: true,
            asyncioTasks: false, maxTasks: 50,
        };
        const schema = Object.keys(debuggerContribution.configurationAttributes.attach.properties);
        assert.deepStrictEqual([...schema].sort(), Object.keys(samples).sort(), 'every schema attribute has a sample here');
        for (const name of schema) {
            const config: Record<string, unknown> = { type: 'pyprobe', request: 'attach', processId: 1, port: 4711, tls: true, [name]: samples[name] };
            if (name === 'tlsFingerprint') {
                delete config.tlsCaFile;
            }
            assert.doesNotThrow(() => resolveAttachConfiguration(config), `attribute ${name}`);
        }
    });

    it('snippets become valid configurations once their placeholders are filled', () => {
        const labels = debuggerContribution.configurationSnippets.map((snippet: { label: string }) => snippet.label);
        assert.deepStrictEqual(labels, debuggerContribution.initialConfigurations.map((config: { name: string }) => config.name));
        for (const snippet of debuggerContribution.configurationSnippets) {
            // "^" marks raw text in snippets: a number, a boolean or a quoted string.
            const text = JSON.stringify(snippet.body)
                .replace(/"\^\\"(.*?)\\""/g, '"$1"')
                .replace(/"\^\$\{\d+:([^}]*)\}"/g, '$1')
                .replace(/\$\{\d+:([^}]*)\}/g, '$1')
                .replace(/\\\\\$/g, '$');
            const config = substitute(JSON.parse(text), '/w') as Record<string, unknown>;
            const resolved = resolveAttachConfiguration({ ...config, processId: config.processId === 0 ? 5 : config.processId });
            assert.ok(resolved.processId > 0, snippet.label);
        }
    });

    it('declares the commands the extension registers, and activates on them and on the debug type', () => {
        const commands = manifest.contributes.commands.map((command: { command: string }) => command.command);
        assert.deepStrictEqual(commands, Object.values(commandIds));
        const source = fs.readFileSync(path.join(EXTENSION_ROOT, 'src', 'extension.ts'), 'utf8');
        for (const [name, command] of Object.entries(commandIds)) {
            assert.ok(source.includes(`registerCommand(${name}`), `${command} is registered`);
            assert.ok(manifest.activationEvents.includes(`onCommand:${command}`), `activates on ${command}`);
        }
        assert.ok(manifest.activationEvents.includes('onDebugResolve:pyprobe'));
    });

    it('offers "Profile Process..." as a button of the debug toolbar and the Call Stack view while a pyprobe session runs', () => {
        const profile = manifest.contributes.commands.find((command: { command: string }) => command.command === commandIds.PROFILE_COMMAND);
        assert.strictEqual(profile.icon, '$(flame)', 'buttons show the icon');
        assert.deepStrictEqual(manifest.contributes.menus['debug/toolBar'], [{ command: 'pyprobe.profile', when: "debugType == 'pyprobe'" }]);
        assert.deepStrictEqual(manifest.contributes.menus['view/title'], [{
            command: 'pyprobe.profile', when: "view == workbench.debug.callStackView && debugType == 'pyprobe'", group: 'navigation',
        }]);
    });

    it('contributes a documented setting for each sampling option of "Profile Process...", with the code\'s defaults and limits', () => {
        const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;
        const prefix = `${PROFILE_SETTINGS_SECTION}.`;
        const settings = Object.fromEntries(Object.entries(properties)
            .filter(([name]) => name.startsWith(prefix))
            .map(([name, schema]) => [name.slice(prefix.length), schema]));
        assert.deepStrictEqual(Object.keys(settings).sort(), Object.keys(profileOptions({})).sort(), 'one setting per option');
        for (const [name, schema] of Object.entries(settings)) {
            assert.ok(typeof schema.markdownDescription === 'string' && schema.markdownDescription.length > 0, `${name} is described`);
        }
        const defaults = Object.fromEntries(Object.entries(settings).map(([name, schema]) => [name, schema.default]));
        assert.deepStrictEqual(profileOptions(defaults), profileOptions({}), 'the defaults VS Code shows are the ones the code assumes');
        assert.deepStrictEqual([settings.rate.exclusiveMinimum, settings.rate.maximum], [0, MAX_RATE_HZ]);
        assert.deepStrictEqual(settings.mode.enum, [...SAMPLE_MODES]);
        assert.strictEqual((settings.mode.enumDescriptions as string[]).length, SAMPLE_MODES.length, 'each mode is described');
    });
});
