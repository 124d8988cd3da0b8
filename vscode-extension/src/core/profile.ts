import { ConfigurationError, describe } from './configuration';

/** The custom DAP request the pyprobe server answers with a profile of the attached process. */
export const PROFILE_REQUEST = 'pyprobeProfile';

/** Which threads each sample takes, as the server names the modes. */
export const SAMPLE_MODES = ['wall', 'cpu', 'gil'] as const;
export type SampleMode = typeof SAMPLE_MODES[number];
export const DEFAULT_MODE: SampleMode = 'wall';

/** The server's defaults and limits for the sampling rate, in samples per second. */
export const DEFAULT_RATE_HZ = 100;
export const MAX_RATE_HZ = 1_000_000;

/** How to sample: the `pyprobeProfile` arguments besides the duration. */
export interface ProfileOptions {
    readonly rate: number;
    readonly mode: SampleMode;
    readonly idle: boolean;
    readonly threads: boolean;
}

/** The arguments of `pyprobeProfile`. */
export interface ProfileArguments extends ProfileOptions {
    readonly durationSeconds: number;
}

/** The `pyprobe.profile.*` settings as VS Code gives them: whatever the user wrote in settings.json, or nothing. */
export type ProfileSettings = { readonly [name in keyof ProfileOptions]?: unknown };

export const PROFILE_SETTINGS_SECTION = 'pyprobe.profile';

/** One source line of the profiled process: samples executing it (self) and with it on the stack (total). */
export interface LineSamples {
    /** The path as the target's machine names it. */
    readonly path: string;
    readonly line: number;
    readonly self: number;
    readonly total: number;
}

/** The body of the server's answer to `pyprobeProfile`. */
export interface ProfileResult {
    /** The flame graph, one self-contained page. */
    readonly html: string;
    readonly lines: readonly LineSamples[];
    readonly samples: number;
    readonly stacks: number;
    readonly inconsistentStacks: number;
    readonly missedSamples: number;
    readonly rateReached: number;
    readonly durationSeconds: number;
    readonly mode: string;
}

/** The durations offered before a profile is recorded, in seconds. */
export const OFFERED_DURATIONS = [5, 10, 30, 60] as const;

/** The server records at most this long. */
export const MAX_DURATION_SECONDS = 600;

/** A typed duration ("3", "2.5", "10 s", "10s") in seconds, or undefined when it is none the server takes. */
export function parseDuration(text: string): number | undefined {
    const match = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(text);
    if (match === null) {
        return undefined;
    }
    const seconds = Number.parseFloat(match[1]);
    return seconds > 0 && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/** The choices the duration picker shows for what is typed: a typed duration first, then the offered ones. */
export function durationChoices(typed: string): number[] {
    const seconds = parseDuration(typed);
    const offered: number[] = [...OFFERED_DURATIONS];
    return seconds === undefined || offered.includes(seconds) ? offered : [seconds, ...offered];
}

/**
 * The sampling options the settings ask for, a setting left out taking the server's default.
 * settings.json may hold any value whatever the schema says, so a wrong one is refused here,
 * naming the setting, rather than by the server after the duration is chosen.
 */
export function profileOptions(settings: ProfileSettings): ProfileOptions {
    return {
        rate: rateOf(settings.rate),
        mode: modeOf(settings.mode),
        idle: booleanOf('idle', settings.idle),
        threads: booleanOf('threads', settings.threads),
    };
}

function rateOf(value: unknown): number {
    if (value === undefined || value === null) {
        return DEFAULT_RATE_HZ;
    }
    if (typeof value !== 'number' || !(value > 0 && value <= MAX_RATE_HZ)) {
        throw settingError('rate', `a number of samples per second above 0 and at most ${MAX_RATE_HZ}`, value);
    }
    return value;
}

function modeOf(value: unknown): SampleMode {
    if (value === undefined || value === null) {
        return DEFAULT_MODE;
    }
    const mode = SAMPLE_MODES.find(known => known === value);
    if (mode === undefined) {
        throw settingError('mode', 'one of ' + SAMPLE_MODES.map(known => `"${known}"`).join(', '), value);
    }
    return mode;
}

function booleanOf(name: keyof ProfileOptions, value: unknown): boolean {
    if (value === undefined || value === null) {
        return false;
    }
    if (typeof value !== 'boolean') {
        throw settingError(name, 'true or false', value);
    }
    return value;
}

function settingError(name: keyof ProfileOptions, expected: string, value: unknown): ConfigurationError {
    return new ConfigurationError(`the "${PROFILE_SETTINGS_SECTION}.${name}" setting must be ${expected}, not ${describe(value)}.`);
}

/**
 * What is recorded, for the progress notification: "PID 42 for 5 s", then only the options that
 * differ from the defaults ("at 1000 Hz, cpu mode, one root per thread"), so the usual case reads
 * short. idle is named only in wall mode: cpu and gil never take blocked threads.
 */
export function recordingDescription(what: string, args: ProfileArguments): string {
    const rate = args.rate === DEFAULT_RATE_HZ ? '' : ` at ${args.rate} Hz`;
    const extras = [
        args.mode === DEFAULT_MODE ? undefined : `${args.mode} mode`,
        args.mode === 'wall' && args.idle ? 'idle threads included' : undefined,
        args.threads ? 'one root per thread' : undefined,
    ].filter((extra): extra is string => extra !== undefined);
    return [`${what} for ${args.durationSeconds} s${rate}`, ...extras].join(', ');
}

/**
 * The share of samples each figure is measured against: the stacks folded into the flame graph
 * (read and consistent), so the editor and the flame graph give a line the same percentage.
 */
export function sampleBase(result: ProfileResult): number {
    return Math.max(result.stacks - result.inconsistentStacks, 0);
}

/** A one-line summary of how the recording went, for the panel's title and the notification. */
export function profileSummary(result: ProfileResult): string {
    const parts = [`${result.samples} samples in ${result.durationSeconds.toFixed(1)} s (${result.mode})`,
        `${Math.round(result.rateReached)} Hz reached`];
    if (result.missedSamples > 0) {
        parts.push(`${result.missedSamples} missed`);
    }
    if (result.inconsistentStacks > 0) {
        parts.push(`${result.inconsistentStacks} inconsistent stacks left out`);
    }
    return parts.join(', ');
}

/** What the progress notification says while the server records. */
export function remainingMessage(seconds: number, elapsedMs: number): string {
    const left = Math.ceil(seconds - elapsedMs / 1000);
    return left > 0 ? `${left} s left` : 'reading the last samples';
}
