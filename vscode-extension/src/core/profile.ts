/** The custom DAP request the pyprobe server answers with a profile of the attached process. */
export const PROFILE_REQUEST = 'pyprobeProfile';

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
