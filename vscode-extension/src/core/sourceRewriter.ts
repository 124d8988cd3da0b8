import { PathMapper } from './pathMapping';

/** A DAP message as plain JSON; only `source`-shaped parts are looked at. */
export type DapMessage = Record<string, unknown>;

/** DAP nests Source objects at most a few levels deep; the bound keeps garbage from recursing forever. */
const MAX_DEPTH = 12;

/**
 * Applies path mappings to the Source objects inside DAP messages, in both directions. Every
 * `source` property and every `sources` list is a DAP Source (stack frames, breakpoints,
 * output events, loaded sources, scopes), so they are found by name rather than by command.
 */
export class SourceRewriter {
    constructor(private readonly mapper: PathMapper) {}

    /** Adapter to editor: remote paths whose files exist locally are opened from disk. */
    fromAdapter(message: DapMessage): DapMessage {
        if (this.mapper.isEmpty || !('body' in message)) {
            return message;
        }
        return { ...message, body: this.rewrite(message.body, 0, source => this.toLocalSource(source)) };
    }

    /** Editor to adapter: sources the editor names by local path (breakpoints) get their remote path. */
    toAdapter(message: DapMessage): DapMessage {
        if (this.mapper.isEmpty || message.type !== 'request' || !('arguments' in message)) {
            return message;
        }
        return { ...message, arguments: this.rewrite(message.arguments, 0, source => this.toRemoteSource(source)) };
    }

    private toLocalSource(source: Record<string, unknown>): Record<string, unknown> {
        const local = typeof source.path === 'string' ? this.mapper.toLocal(source.path) : undefined;
        if (local === undefined) {
            return source;
        }
        // A sourceReference would make the editor ask the server for the text instead of opening the file.
        const { sourceReference: _dropped, ...rest } = source;
        return { ...rest, path: local };
    }

    private toRemoteSource(source: Record<string, unknown>): Record<string, unknown> {
        const remote = typeof source.path === 'string' ? this.mapper.toRemote(source.path) : undefined;
        return remote === undefined ? source : { ...source, path: remote };
    }

    private rewrite(value: unknown, depth: number, mapSource: (source: Record<string, unknown>) => Record<string, unknown>,
        isSource = false): unknown {
        if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) {
            return value;
        }
        if (Array.isArray(value)) {
            return value.map(item => this.rewrite(item, depth + 1, mapSource, isSource));
        }
        const result: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(value)) {
            result[key] = this.rewrite(child, depth + 1, mapSource, key === 'source' || key === 'sources');
        }
        return isSource ? mapSource(result) : result;
    }
}
