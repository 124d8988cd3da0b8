import { LineSamples } from './profile';

/** How many background tints the hottest lines are drawn with (the editor needs one decoration type per colour). */
export const TINT_LEVELS = 5;

/** What the editor shows on one profiled line. */
export interface LineFigure {
    /** 1-based, as the profile names it. */
    readonly line: number;
    /** The after-text, e.g. "  ▮ 12.3% self, 40.1% total". */
    readonly text: string;
    /** 0 (no tint: no sample executed the line itself) to TINT_LEVELS (the hottest line). */
    readonly tint: number;
}

export interface ProfiledFiles {
    /** Local path to the figures of its profiled lines, by line. */
    readonly byFile: ReadonlyMap<string, readonly LineFigure[]>;
    /** Files of the profile that are not on this machine, as the target names them. */
    readonly missing: readonly string[];
}

/**
 * Turns the profile's samples per line into what the editor shows: each share of `base` (the
 * samples the flame graph shows), and a tint scaled to the hottest line's own samples, so the
 * lines that cost the most stand out whatever the share of the process's time the code took.
 */
export function lineFigures(lines: readonly LineSamples[], base: number,
    toLocal: (targetPath: string) => string | undefined): ProfiledFiles {
    const hottest = Math.max(0, ...lines.map(line => line.self));
    const byFile = new Map<string, LineFigure[]>();
    const missing = new Set<string>();
    const localOf = new Map<string, string | undefined>();
    for (const samples of lines) {
        if (!localOf.has(samples.path)) {
            localOf.set(samples.path, toLocal(samples.path));
        }
        const local = localOf.get(samples.path);
        if (local === undefined) {
            missing.add(samples.path);
            continue;
        }
        const figures = byFile.get(local) ?? [];
        figures.push({
            line: samples.line,
            text: `  ▮ ${percent(samples.self, base)} self, ${percent(samples.total, base)} total`,
            tint: samples.self === 0 || hottest === 0 ? 0 : Math.max(1, Math.ceil(TINT_LEVELS * samples.self / hottest)),
        });
        byFile.set(local, figures);
    }
    byFile.forEach(figures => figures.sort((a, b) => a.line - b.line));
    return { byFile, missing: [...missing].sort() };
}

function percent(samples: number, base: number): string {
    return `${base > 0 ? (100 * samples / base).toFixed(1) : '0.0'}%`;
}
