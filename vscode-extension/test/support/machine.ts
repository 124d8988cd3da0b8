import * as fs from 'fs';
import * as path from 'path';

/** Interpreters and JDKs every machine of this project has (see shared/docs/design.md). */
export const PYTHON_312 = '/root/.pyenv/versions/3.12.1/bin/python';
export const PYTHON_27 = '/root/.pyenv/versions/2.7.18/bin/python';
export const DEBIAN_PYTHON_311 = '/usr/bin/python3.11';
export const LIBPYTHON_312 = '/root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0';
export const JDK_17 = '/usr/lib/jvm/java-17-openjdk-amd64';
export const JDK_25 = '/usr/lib/jvm/temurin-25-jdk-amd64';

export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(EXTENSION_ROOT, 'test', 'fixtures');
/**
 * The jar Maven builds at the repository root, which the e2e tests run as the extension would;
 * PYPROBE_SERVER_JAR points them at another build.
 */
export const SERVER_JAR = process.env.PYPROBE_SERVER_JAR ?? path.resolve(EXTENSION_ROOT, '..', 'server', 'target', 'pyprobe.jar');

/** Fails (never skips) when something the tests need is missing from this machine. */
export function requireFile(file: string, why: string): string {
    if (!fs.existsSync(file)) {
        throw new Error(`${file} is missing (${why}); install it, or build it, before running these tests`);
    }
    return file;
}
