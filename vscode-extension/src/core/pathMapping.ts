import * as fs from 'fs';
import * as path from 'path';
import { PathMapping } from './configuration';

interface NormalizedMapping {
    readonly remoteRoot: string;
    readonly localRoot: string;
}

/**
 * Translates file paths between the target's machine (always POSIX) and this one. A remote path
 * becomes local only when the local file exists, so a frame whose file the user lacks keeps the
 * server's path and is shown through the server's `source` request instead.
 */
export class PathMapper {
    private readonly byRemote: NormalizedMapping[];
    private readonly byLocal: NormalizedMapping[];

    constructor(mappings: readonly PathMapping[], private readonly fileExists: (file: string) => boolean = isFile) {
        const normalized = mappings.map(mapping => ({
            remoteRoot: trimTrailingSeparator(path.posix.normalize(mapping.remoteRoot), '/'),
            localRoot: trimTrailingSeparator(path.resolve(mapping.localRoot), path.sep),
        }));
        // The most specific root wins when roots nest.
        this.byRemote = [...normalized].sort((a, b) => b.remoteRoot.length - a.remoteRoot.length);
        this.byLocal = [...normalized].sort((a, b) => b.localRoot.length - a.localRoot.length);
    }

    get isEmpty(): boolean {
        return this.byRemote.length === 0;
    }

    /** The existing local file for a remote path, or undefined when none is mapped or present. */
    toLocal(remotePath: string): string | undefined {
        const remote = path.posix.normalize(remotePath);
        for (const mapping of this.byRemote) {
            const rest = relativeUnder(remote, mapping.remoteRoot, '/');
            if (rest === undefined) {
                continue;
            }
            const local = rest === '' ? mapping.localRoot : path.join(mapping.localRoot, ...rest.split('/'));
            if (this.fileExists(local)) {
                return local;
            }
        }
        return undefined;
    }

    /** The remote path for a local file under a mapped folder (breakpoints set in the editor). */
    toRemote(localPath: string): string | undefined {
        const local = path.resolve(localPath);
        for (const mapping of this.byLocal) {
            const rest = relativeUnder(local, mapping.localRoot, path.sep);
            if (rest !== undefined) {
                return rest === '' ? mapping.remoteRoot : path.posix.join(mapping.remoteRoot, ...rest.split(path.sep));
            }
        }
        return undefined;
    }
}

function relativeUnder(file: string, root: string, separator: string): string | undefined {
    if (file === root) {
        return '';
    }
    const prefix = root.endsWith(separator) ? root : root + separator;
    return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}

function trimTrailingSeparator(folder: string, separator: string): string {
    let trimmed = folder;
    while (trimmed.length > 1 && trimmed.endsWith(separator)) {
        trimmed = trimmed.slice(0, -1);
    }
    return trimmed;
}

/** Whether a regular file exists at the path (what a mapping needs before it sends the editor there). */
export function isFile(file: string): boolean {
    try {
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}
