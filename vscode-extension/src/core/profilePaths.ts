import { PathMapping } from './configuration';
import { isFile, PathMapper } from './pathMapping';

/**
 * Where a file named in a profile (a path on the target's machine) is on this one: through the
 * session's path mappings first, as stack frames are, else the same path when it exists here
 * (a local attach, or a remote host that shares the layout). Undefined when this machine lacks it.
 */
export class ProfilePaths {
    private readonly mapper: PathMapper;

    constructor(mappings: readonly PathMapping[], private readonly fileExists: (file: string) => boolean = isFile) {
        this.mapper = new PathMapper(mappings, fileExists);
    }

    toLocal(targetPath: string): string | undefined {
        return this.mapper.toLocal(targetPath) ?? (this.fileExists(targetPath) ? targetPath : undefined);
    }
}
