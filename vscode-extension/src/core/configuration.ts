import * as fs from 'fs';
import * as path from 'path';

/** A remote folder whose files the user has locally, so stacks can open local copies. */
export interface PathMapping {
    readonly remoteRoot: string;
    readonly localRoot: string;
}

export interface LocalTarget {
    readonly kind: 'local';
}

export interface RemoteTarget {
    readonly kind: 'remote';
    readonly host: string;
    readonly port: number;
    readonly tls: boolean;
    /** PEM file with the certificate (or its CA) that the server presents, when not in the system store. */
    readonly tlsCaFile?: string;
    /** SHA-256 of the server's certificate, as `pyprobe serve --tls` prints it: trusts exactly that certificate. */
    readonly tlsFingerprint?: string;
}

/** An attach configuration after validation: what the adapter factory needs to start a session. */
export interface AttachConfiguration {
    readonly processId: number;
    readonly freeze: boolean;
    readonly token?: string;
    readonly target: LocalTarget | RemoteTarget;
    readonly pathMappings: readonly PathMapping[];
}

/** A configuration the user must fix; the message names the attribute and what is expected. */
export class ConfigurationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ConfigurationError';
    }
}

export const DEBUG_TYPE = 'pyprobe';
export const PICK_PROCESS_VARIABLE = '${command:pyprobe.pickProcess}';

type RawConfiguration = Record<string, unknown>;

const REMOTE_ONLY_ATTRIBUTES = ['token', 'tls', 'tlsCaFile', 'tlsFingerprint'];

/**
 * Completes a configuration before VS Code substitutes variables: F5 without a launch.json gives
 * an empty one, and a local attach without a PID asks the process picker for it.
 */
export function completeConfiguration(raw: RawConfiguration): RawConfiguration {
    const isEmpty = Object.keys(raw).length === 0;
    const completed: RawConfiguration = { ...raw };
    if (isEmpty) {
        completed.name = 'pyprobe: Attach to Python process';
    }
    completed.type ??= DEBUG_TYPE;
    completed.request ??= 'attach';
    if (!isRemote(completed) && completed.processId === undefined) {
        completed.processId = PICK_PROCESS_VARIABLE;
    }
    return completed;
}

/** Validates a configuration whose variables are substituted; throws ConfigurationError. */
export function resolveAttachConfiguration(raw: RawConfiguration): AttachConfiguration {
    if (raw.type !== undefined && raw.type !== DEBUG_TYPE) {
        throw new ConfigurationError(`"type" must be "${DEBUG_TYPE}", not ${describe(raw.type)}.`);
    }
    if (raw.request !== 'attach') {
        throw new ConfigurationError(
            `"request" must be "attach": pyprobe attaches to a Python process that is already running `
            + `and cannot launch one (got ${describe(raw.request)}).`);
    }
    const remote = isRemote(raw);
    if (!remote) {
        const stray = REMOTE_ONLY_ATTRIBUTES.filter(name => raw[name] !== undefined);
        if (stray.length > 0) {
            throw new ConfigurationError(
                `${stray.map(name => `"${name}"`).join(', ')} only apply to a remote attach: add "port" `
                + `(and "host") to connect to a pyprobe server, or remove ${stray.length > 1 ? 'them' : 'it'}.`);
        }
    }
    checkBreakpointOptions(raw);
    checkTaskOptions(raw);
    optionalBoolean(raw, 'remoteSources');
    return {
        processId: processIdOf(raw.processId, remote),
        freeze: optionalBoolean(raw, 'freeze') ?? false,
        token: optionalString(raw, 'token'),
        target: remote ? remoteTargetOf(raw) : { kind: 'local' },
        pathMappings: pathMappingsOf(raw.pathMappings),
    };
}

const BREAKPOINT_ACTIONS = ['log', 'snapshot', 'stop'];
const TRACING_MECHANISMS = ['usdt', 'watchpoint', 'uprobe'];

/** The server checks these too; checking them here puts the message next to the configuration. */
function checkBreakpointOptions(raw: RawConfiguration): void {
    const action = optionalString(raw, 'breakpointAction');
    if (action !== undefined && !BREAKPOINT_ACTIONS.includes(action)) {
        throw new ConfigurationError(
            `"breakpointAction" must be one of ${BREAKPOINT_ACTIONS.map(a => `"${a}"`).join(', ')}, not ${describe(action)}.`);
    }
    const mechanism = optionalString(raw, 'tracingMechanism');
    if (mechanism !== undefined && !TRACING_MECHANISMS.includes(mechanism)) {
        throw new ConfigurationError(
            `"tracingMechanism" must be one of ${TRACING_MECHANISMS.map(m => `"${m}"`).join(', ')}, not ${describe(mechanism)}.`);
    }
    optionalBoolean(raw, 'acceptTracingCost');
    if (raw.maxHitsPerSecond !== undefined) {
        const rate = integerOf(raw.maxHitsPerSecond);
        if (rate === undefined || rate < 1 || rate > 1_000_000) {
            throw new ConfigurationError(
                `"maxHitsPerSecond" must be a whole number from 1 to 1000000, not ${describe(raw.maxHitsPerSecond)}.`);
        }
    }
}

/** The server checks these too; checking them here puts the message next to the configuration. */
function checkTaskOptions(raw: RawConfiguration): void {
    optionalBoolean(raw, 'asyncioTasks');
    if (raw.maxTasks !== undefined) {
        // A number, as the server reads it (not a numeric string, as processId and port may be).
        const max = typeof raw.maxTasks === 'number' ? integerOf(raw.maxTasks) : undefined;
        if (max === undefined || max < 1 || max > 1_000_000) {
            throw new ConfigurationError(
                `"maxTasks" must be a whole number from 1 to 1000000, not ${describe(raw.maxTasks)}.`);
        }
    }
}

function isRemote(raw: RawConfiguration): boolean {
    return raw.port !== undefined || raw.host !== undefined;
}

function processIdOf(value: unknown, remote: boolean): number {
    if (value === undefined || value === '') {
        throw new ConfigurationError(remote
            ? '"processId" is required for a remote attach: the PID of the Python process on the server\'s host.'
            : '"processId" is required: a PID, or "${command:pyprobe.pickProcess}" to choose a process.');
    }
    const pid = integerOf(value);
    if (pid === undefined || pid <= 0 || pid > 0x3fffffff) {
        throw new ConfigurationError(`"processId" must be a positive process ID, not ${describe(value)}.`);
    }
    return pid;
}

function remoteTargetOf(raw: RawConfiguration): RemoteTarget {
    if (raw.port === undefined) {
        throw new ConfigurationError(
            '"port" is required when "host" is set: the port the pyprobe server listens on '
            + '(see "pyprobe listening on HOST:PORT" in its output).');
    }
    const port = integerOf(raw.port);
    if (port === undefined || port < 1 || port > 65535) {
        throw new ConfigurationError(`"port" must be a TCP port from 1 to 65535, not ${describe(raw.port)}.`);
    }
    const host = optionalString(raw, 'host') ?? '127.0.0.1';
    if (/\s/.test(host)) {
        throw new ConfigurationError(`"host" must be a host name or an IP address, not ${describe(host)}.`);
    }
    const tls = optionalBoolean(raw, 'tls') ?? false;
    const tlsCaFile = optionalString(raw, 'tlsCaFile');
    const tlsFingerprint = optionalString(raw, 'tlsFingerprint');
    for (const [name, value] of [['tlsCaFile', tlsCaFile], ['tlsFingerprint', tlsFingerprint]]) {
        if (value !== undefined && !tls) {
            throw new ConfigurationError(`"${name}" is set but "tls" is not true: set "tls": true or remove "${name}".`);
        }
    }
    if (tlsCaFile !== undefined && tlsFingerprint !== undefined) {
        throw new ConfigurationError('"tlsCaFile" and "tlsFingerprint" are two ways to trust the server: keep one of them.');
    }
    if (tlsCaFile !== undefined && !isReadableFile(tlsCaFile)) {
        throw new ConfigurationError(`"tlsCaFile" must name a readable PEM file; cannot read ${tlsCaFile}.`);
    }
    return {
        kind: 'remote', host, port, tls, tlsCaFile,
        tlsFingerprint: tlsFingerprint === undefined ? undefined : normalizeFingerprint(tlsFingerprint),
    };
}

/** "ab:cd:..." or "ABCD..." as 64 upper-case hex digits; throws when it is not a SHA-256 digest. */
export function normalizeFingerprint(text: string): string {
    const hex = text.replace(/[:\s]/g, '').toUpperCase();
    if (!/^[0-9A-F]{64}$/.test(hex)) {
        throw new ConfigurationError(
            `"tlsFingerprint" must be a SHA-256 fingerprint (64 hex digits, colons allowed), as "pyprobe serve --tls" `
            + `prints it, not ${describe(text)}.`);
    }
    return hex;
}

function pathMappingsOf(value: unknown): PathMapping[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new ConfigurationError('"pathMappings" must be a list of { "remoteRoot": ..., "localRoot": ... }.');
    }
    return value.map((entry: unknown, index: number) => {
        const where = `"pathMappings"[${index}]`;
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
            throw new ConfigurationError(`${where} must be an object with "remoteRoot" and "localRoot".`);
        }
        const { remoteRoot, localRoot } = entry as Record<string, unknown>;
        if (typeof remoteRoot !== 'string' || !remoteRoot.startsWith('/')) {
            throw new ConfigurationError(
                `${where}.remoteRoot must be an absolute path on the target's machine (starting with "/"), `
                + `not ${describe(remoteRoot)}.`);
        }
        if (typeof localRoot !== 'string' || !path.isAbsolute(localRoot)) {
            throw new ConfigurationError(
                `${where}.localRoot must be an absolute local folder (for example "\${workspaceFolder}"), `
                + `not ${describe(localRoot)}.`);
        }
        return { remoteRoot, localRoot };
    });
}

function integerOf(value: unknown): number | undefined {
    if (typeof value === 'number') {
        return Number.isInteger(value) ? value : undefined;
    }
    if (typeof value === 'string' && /^\s*\d{1,10}\s*$/.test(value)) {
        return Number.parseInt(value, 10);
    }
    return undefined;
}

function optionalBoolean(raw: RawConfiguration, name: string): boolean | undefined {
    const value = raw[name];
    if (value === undefined || typeof value === 'boolean') {
        return value;
    }
    throw new ConfigurationError(`"${name}" must be true or false, not ${describe(value)}.`);
}

function optionalString(raw: RawConfiguration, name: string): string | undefined {
    const value = raw[name];
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
        throw new ConfigurationError(`"${name}" must be a non-empty string, not ${describe(value)}.`);
    }
    return value;
}

function isReadableFile(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.R_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

/** A value as a message quotes it: JSON, shortened. */
export function describe(value: unknown): string {
    if (value === undefined) {
        return 'nothing';
    }
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
