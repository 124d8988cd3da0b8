import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MINIMUM_JAVA_MAJOR = 17;
const VERSION_PROBE_TIMEOUT_MS = 15_000;

/** Where a java binary came from, in the words shown to the user. */
export type JavaOrigin = 'the pyprobe.javaPath setting' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
    readonly executable: string;
    readonly origin: JavaOrigin;
}

export interface JavaRuntime extends JavaCandidate {
    readonly major: number;
    readonly versionLine: string;
}

export interface JavaSearch {
    /** The pyprobe.javaPath setting: a java binary or a JDK/JRE folder; empty means unset. */
    readonly javaPathSetting?: string;
    readonly env: NodeJS.ProcessEnv;
}

/** No usable Java: `message` says what was found, `fix` says what to do about it. */
export class JavaNotFoundError extends Error {
    constructor(message: string, readonly fix: string) {
        super(`${message} ${fix}`);
        this.name = 'JavaNotFoundError';
    }
}

const JAVA_BINARY = process.platform === 'win32' ? 'java.exe' : 'java';
const FIX = `Install a Java ${MINIMUM_JAVA_MAJOR} or newer runtime (for example the openjdk-${MINIMUM_JAVA_MAJOR}-jre-headless `
    + `package), then set "pyprobe.javaPath" to its java binary or JDK folder, or point JAVA_HOME at it.`;

/**
 * Finds a java that can run the pyprobe server. An explicit pyprobe.javaPath is the only candidate
 * (the user chose it, so a wrong one is reported, not silently replaced); otherwise JAVA_HOME and
 * then PATH are tried and the first one new enough wins.
 */
export async function findJava(search: JavaSearch): Promise<JavaRuntime> {
    const candidates = javaCandidates(search);
    if (candidates.length === 0) {
        throw new JavaNotFoundError(
            'pyprobe needs Java to run its server, and none was found: pyprobe.javaPath is not set, '
            + 'JAVA_HOME is not set and there is no java on PATH.', FIX);
    }
    const rejected: string[] = [];
    for (const candidate of candidates) {
        const probe = await probeJava(candidate.executable);
        if (probe.major !== undefined && probe.major >= MINIMUM_JAVA_MAJOR) {
            return { ...candidate, major: probe.major, versionLine: probe.versionLine };
        }
        rejected.push(probe.major === undefined
            ? `${candidate.executable} (from ${candidate.origin}) ${probe.problem}`
            : `${candidate.executable} (from ${candidate.origin}) is Java ${probe.major}, older than ${MINIMUM_JAVA_MAJOR}`);
    }
    throw new JavaNotFoundError(
        `pyprobe needs Java ${MINIMUM_JAVA_MAJOR} or newer to run its server: ${rejected.join('; ')}.`, FIX);
}

export function javaCandidates(search: JavaSearch): JavaCandidate[] {
    const setting = search.javaPathSetting?.trim();
    if (setting) {
        return [{ executable: javaInFolder(setting) ?? setting, origin: 'the pyprobe.javaPath setting' }];
    }
    const candidates: JavaCandidate[] = [];
    const javaHome = search.env.JAVA_HOME?.trim();
    if (javaHome) {
        candidates.push({ executable: path.join(javaHome, 'bin', JAVA_BINARY), origin: 'JAVA_HOME' });
    }
    const onPath = findOnPath(JAVA_BINARY, search.env.PATH ?? '');
    if (onPath !== undefined) {
        candidates.push({ executable: onPath, origin: 'PATH' });
    }
    return candidates;
}

/** The major version from `java -version` output: "1.8.0_292" is 8, "17.0.9" is 17, "25" is 25. */
export function parseJavaMajor(versionOutput: string): number | undefined {
    const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
    if (!match) {
        return undefined;
    }
    const first = Number.parseInt(match[1], 10);
    if (first === 1 && match[2] !== undefined) {
        return Number.parseInt(match[2], 10);
    }
    return first;
}

interface JavaProbe {
    readonly major?: number;
    readonly versionLine: string;
    readonly problem: string;
}

async function probeJava(executable: string): Promise<JavaProbe> {
    if (!isExecutableFile(executable)) {
        return { versionLine: '', problem: 'does not exist or is not an executable file' };
    }
    return new Promise(resolve => {
        execFile(executable, ['-version'], { timeout: VERSION_PROBE_TIMEOUT_MS, maxBuffer: 64 * 1024 },
            (error, stdout, stderr) => {
                // java -version writes to stderr; some wrappers use stdout.
                const output = `${stderr}\n${stdout}`;
                const versionLine = output.split('\n').map(line => line.trim()).find(line => /version "/.test(line)) ?? '';
                const major = parseJavaMajor(output);
                if (major !== undefined) {
                    resolve({ major, versionLine, problem: '' });
                } else if (error) {
                    resolve({ versionLine, problem: `failed to run "-version": ${error.message.split('\n')[0]}` });
                } else {
                    resolve({ versionLine, problem: `printed no Java version for "-version": ${firstLine(output)}` });
                }
            });
    });
}

function javaInFolder(folder: string): string | undefined {
    try {
        if (fs.statSync(folder).isDirectory()) {
            return path.join(folder, 'bin', JAVA_BINARY);
        }
    } catch {
        // Not a folder: the setting names the binary itself.
    }
    return undefined;
}

function findOnPath(binary: string, searchPath: string): string | undefined {
    for (const folder of searchPath.split(path.delimiter)) {
        if (folder === '') {
            continue;
        }
        const candidate = path.join(folder, binary);
        if (isExecutableFile(candidate)) {
            return candidate;
        }
    }
    return undefined;
}

function isExecutableFile(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

function firstLine(text: string): string {
    const line = text.trim().split('\n')[0] ?? '';
    return line === '' ? '(nothing)' : line.slice(0, 120);
}
