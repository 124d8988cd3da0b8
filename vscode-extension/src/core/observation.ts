import { AttachConfiguration } from './configuration';
import { DapMessage } from './sourceRewriter';

/** The tracing mechanisms pyprobe names in a breakpoint's message, e.g. "3 hits (watchpoint)". */
export const MECHANISMS = ['usdt', 'watchpoint', 'uprobe'] as const;
export type Mechanism = typeof MECHANISMS[number];

const MECHANISM_IN_MESSAGE = new RegExp(`\\((${MECHANISMS.join('|')})\\b`);

interface DapBreakpoint {
    readonly id?: number;
    readonly verified?: boolean;
    readonly message?: string;
}

/**
 * What one pyprobe session shows in the status bar, followed from its DAP messages: whether it
 * is attached, and which mechanisms serve its tracepoints. A set of breakpoints (one source
 * file's, or the function breakpoints) replaces the previous set of its kind, as in the protocol;
 * `breakpoint` events update or remove single ones.
 */
export class Observation {
    private attached = false;
    private ended = false;
    /** Requests whose answers carry breakpoints, by seq: the set each answer replaces. */
    private readonly pendingSets = new Map<number, string>();
    /** Per set of breakpoints, the mechanism of each verified breakpoint by its id. */
    private readonly sets = new Map<string, Map<number, Mechanism>>();

    /** @param configuredMechanism the attach configuration's `tracingMechanism`, if it forces one */
    constructor(private readonly configuredMechanism?: string) {}

    /** A request from the editor to the adapter. */
    toAdapter(message: DapMessage): void {
        if (message.type !== 'request') {
            return;
        }
        const args = message.arguments as { source?: { path?: string; name?: string } } | undefined;
        if (message.command === 'setBreakpoints') {
            this.pendingSets.set(message.seq as number, `source:${args?.source?.path ?? args?.source?.name ?? ''}`);
        } else if (message.command === 'setFunctionBreakpoints') {
            this.pendingSets.set(message.seq as number, 'functions');
        }
    }

    /** A response or event from the adapter to the editor. */
    fromAdapter(message: DapMessage): void {
        if (message.type === 'response') {
            this.answered(message);
        } else if (message.type === 'event') {
            this.event(message);
        }
    }

    get isAttached(): boolean {
        return this.attached && !this.ended;
    }

    /** The mechanisms serving the verified tracepoints, in a fixed order. */
    mechanisms(): Mechanism[] {
        const used = new Set<Mechanism>();
        this.sets.forEach(set => set.forEach(mechanism => used.add(mechanism)));
        return MECHANISMS.filter(mechanism => used.has(mechanism));
    }

    /** What the status bar says about tracing. */
    tracingSummary(): string {
        const used = this.mechanisms();
        if (used.length > 0) {
            return `tracing: ${used.join(', ')}`;
        }
        return this.configuredMechanism === undefined
            ? 'tracing: none yet (pyprobe chooses at the first breakpoint)'
            : `tracing: ${this.configuredMechanism} (configured)`;
    }

    private answered(message: DapMessage): void {
        const requestSeq = message.request_seq as number;
        if (message.command === 'attach') {
            this.attached = message.success === true;
            return;
        }
        const set = this.pendingSets.get(requestSeq);
        if (set === undefined) {
            return;
        }
        this.pendingSets.delete(requestSeq);
        if (message.success !== true) {
            return;
        }
        const breakpoints = ((message.body as { breakpoints?: DapBreakpoint[] } | undefined)?.breakpoints) ?? [];
        const mechanisms = new Map<number, Mechanism>();
        for (const breakpoint of breakpoints) {
            const mechanism = mechanismOf(breakpoint);
            if (breakpoint.id !== undefined && mechanism !== undefined) {
                mechanisms.set(breakpoint.id, mechanism);
            }
        }
        this.sets.set(set, mechanisms);
    }

    private event(message: DapMessage): void {
        if (message.event === 'terminated' || message.event === 'exited') {
            this.ended = true;
            return;
        }
        if (message.event !== 'breakpoint') {
            return;
        }
        const body = message.body as { reason?: string; breakpoint?: DapBreakpoint } | undefined;
        const id = body?.breakpoint?.id;
        if (id === undefined) {
            return;
        }
        const mechanism = body?.reason === 'removed' ? undefined : mechanismOf(body!.breakpoint!);
        for (const set of this.sets.values()) {
            if (set.has(id)) {
                if (mechanism === undefined) {
                    set.delete(id);
                } else {
                    set.set(id, mechanism);
                }
            }
        }
    }
}

function mechanismOf(breakpoint: DapBreakpoint): Mechanism | undefined {
    if (breakpoint.verified !== true || breakpoint.message === undefined) {
        return undefined;
    }
    return MECHANISM_IN_MESSAGE.exec(breakpoint.message)?.[1] as Mechanism | undefined;
}

/** The status bar's text and tooltip for an attached session. */
export function observationLabel(config: AttachConfiguration, observation: Observation): { text: string; tooltip: string } {
    const where = config.target.kind === 'remote' ? ` on ${config.target.host}:${config.target.port}` : '';
    return {
        text: `$(eye) PID ${config.processId}${where} runs under observation · ${observation.tracingSummary()}`,
        tooltip: `pyprobe is attached to process ${config.processId}${where} and only reads its memory: the process keeps `
            + 'running and no code runs in it. Breakpoints are kernel tracepoints (usdt: the interpreter\'s own probes; '
            + 'watchpoint: hardware breakpoints on the traced code; uprobe: a probe on the interpreter\'s function-start code).',
    };
}
