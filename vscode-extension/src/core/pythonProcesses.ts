import * as fs from 'fs';
import * as path from 'path';

/** A process that runs CPython, as the picker shows it. */
export interface PythonProcess {
    readonly pid: number;
    /** The interpreter binary (/proc/PID/exe), e.g. /usr/bin/python3.11 or /usr/bin/uwsgi. */
    readonly executable: string;
    /** "3.12.1" when the install path tells, else "3.12", else undefined. */
    readonly version?: string;
    readonly commandLine: string;
}

// python, python3, python3.12, python3.6m, python3.13d, python3.13t: CPython's own binary names.
const PYTHON_BINARY = /^python(\d+)?(?:\.(\d+))?[dmut]*$/;
const LIBPYTHON = /\/libpython(\d+)\.(\d+)[a-z]*\.so/;
const MAX_COMMAND_LINE = 400;

/**
 * Lists the processes running CPython by reading /proc only: nothing runs in the targets' context
 * and nothing is sent to them. A process counts when its binary is named like CPython's, or when
 * it maps libpython (embedded interpreters such as uwsgi).
 */
export function listPythonProcesses(procRoot = '/proc'): PythonProcess[] {
    let entries: string[];
    try {
        entries = fs.readdirSync(procRoot);
    } catch {
        return [];
    }
    const processes: PythonProcess[] = [];
    for (const entry of entries) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        const found = describePythonProcess(Number.parseInt(entry, 10), procRoot);
        if (found !== undefined) {
            processes.push(found);
        }
    }
    return processes.sort((a, b) => a.pid - b.pid);
}

/** The process as a Python process, or undefined when it is not one, is gone, or cannot be read. */
export function describePythonProcess(pid: number, procRoot = '/proc'): PythonProcess | undefined {
    const folder = path.join(procRoot, String(pid));
    const executable = readLink(path.join(folder, 'exe'));
    if (executable === undefined) {
        return undefined;
    }
    const byName = PYTHON_BINARY.exec(path.basename(executable));
    // The binary's name gives major.minor when it has them; libpython tells for the rest.
    const nameVersion = byName?.[1] !== undefined && byName[2] !== undefined ? `${byName[1]}.${byName[2]}` : undefined;
    const libraryVersion = nameVersion === undefined ? libpythonVersion(readText(path.join(folder, 'maps'))) : undefined;
    if (byName === null && libraryVersion === undefined) {
        return undefined;
    }
    const majorMinor = nameVersion ?? libraryVersion;
    return {
        pid,
        executable,
        version: majorMinor === undefined ? undefined : withPatchFromPath(majorMinor, executable),
        commandLine: commandLineOf(readText(path.join(folder, 'cmdline'))),
    };
}

/** major.minor of the first libpython in a /proc/PID/maps text. */
export function libpythonVersion(maps: string | undefined): string | undefined {
    const match = maps === undefined ? null : LIBPYTHON.exec(maps);
    return match === null ? undefined : `${match[1]}.${match[2]}`;
}

/** Installs such as pyenv's (/root/.pyenv/versions/3.12.1/bin/python3.12) name the full version. */
export function withPatchFromPath(majorMinor: string, executable: string): string {
    const escaped = majorMinor.replace('.', '\\.');
    const match = new RegExp(`(?:^|/)(?:[A-Za-z-]*)(${escaped}\\.\\d+)(?:/|$)`).exec(executable);
    return match === null ? majorMinor : match[1];
}

function commandLineOf(cmdline: string | undefined): string {
    const text = (cmdline ?? '').split('\0').filter(part => part !== '').join(' ');
    return text.length > MAX_COMMAND_LINE ? `${text.slice(0, MAX_COMMAND_LINE - 3)}...` : text;
}

function readLink(link: string): string | undefined {
    try {
        return fs.readlinkSync(link).replace(/ \(deleted\)$/, '');
    } catch {
        // Kernel threads have no exe; other users' processes cannot be read without privileges.
        return undefined;
    }
}

function readText(file: string): string | undefined {
    try {
        return fs.readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
}
