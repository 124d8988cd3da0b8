import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findJava, JavaNotFoundError, parseJavaMajor } from '../../src/core/javaRuntime';
import { JDK_17, JDK_25, requireFile } from '../support/machine';
import { tempFolder } from '../support/tempFolders';

/** A Java home whose bin/java prints what an old or broken runtime would. */
function fakeJavaHome(versionOutput: string): string {
    const home = tempFolder('fake-java');
    fs.mkdirSync(path.join(home, 'bin'));
    fs.writeFileSync(path.join(home, 'bin', 'java'), `#!/bin/sh\necho '${versionOutput}' >&2\n`, { mode: 0o755 });
    return home;
}

async function rejectsWith(search: Parameters<typeof findJava>[0], message: RegExp): Promise<void> {
    await assert.rejects(findJava(search), (error: unknown) => {
        assert.ok(error instanceof JavaNotFoundError, `expected JavaNotFoundError, got ${error}`);
        assert.match(error.message, message);
        assert.match(error.fix, /pyprobe\.javaPath/);
        return true;
    });
}

describe('parseJavaMajor', () => {
    it('reads the major version from what java -version prints', () => {
        assert.strictEqual(parseJavaMajor('openjdk version "17.0.13" 2024-10-15\nOpenJDK Runtime Environment'), 17);
        assert.strictEqual(parseJavaMajor('openjdk version "25" 2025-09-16'), 25);
        assert.strictEqual(parseJavaMajor('java version "1.8.0_292"'), 8);
        assert.strictEqual(parseJavaMajor('openjdk version "11.0.2-ea" 2019-01-15'), 11);
        assert.strictEqual(parseJavaMajor('Error: could not find libjava.so'), undefined);
    });
});

describe('findJava', () => {
    const java17 = path.join(JDK_17, 'bin', 'java');
    before(() => {
        requireFile(java17, 'OpenJDK 17');
        requireFile(path.join(JDK_25, 'bin', 'java'), 'Temurin 25');
    });

    it('uses the pyprobe.javaPath setting when it names a java binary', async () => {
        const java = await findJava({ javaPathSetting: java17, env: {} });
        assert.deepStrictEqual([java.executable, java.origin, java.major], [java17, 'the pyprobe.javaPath setting', 17]);
        assert.match(java.versionLine, /version "17\./);
    });

    it('accepts a JDK folder in the setting', async () => {
        const java = await findJava({ javaPathSetting: JDK_25, env: { JAVA_HOME: JDK_17 } });
        assert.deepStrictEqual([java.executable, java.major], [path.join(JDK_25, 'bin', 'java'), 25]);
    });

    it('uses JAVA_HOME before PATH', async () => {
        const java = await findJava({ env: { JAVA_HOME: JDK_25, PATH: path.join(JDK_17, 'bin') } });
        assert.deepStrictEqual([java.origin, java.major], ['JAVA_HOME', 25]);
    });

    it('finds java on PATH', async () => {
        const java = await findJava({ env: { PATH: `/nonexistent:${path.join(JDK_17, 'bin')}` } });
        assert.deepStrictEqual([java.executable, java.origin, java.major], [java17, 'PATH', 17]);
    });

    it('passes over a too-old JAVA_HOME to a new enough java on PATH', async () => {
        const java = await findJava({ env: { JAVA_HOME: fakeJavaHome('openjdk version "11.0.2" 2019-01-15'), PATH: path.join(JDK_17, 'bin') } });
        assert.deepStrictEqual([java.origin, java.major], ['PATH', 17]);
    });

    it('reports a too-old java named by the setting rather than choosing another', async () => {
        const old = path.join(fakeJavaHome('java version "1.8.0_292"'), 'bin', 'java');
        await rejectsWith({ javaPathSetting: old, env: { JAVA_HOME: JDK_17 } },
            new RegExp(`${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(from the pyprobe.javaPath setting\\) is Java 8, older than 17`));
    });

    it('lists every java it rejected', async () => {
        const oldHome = fakeJavaHome('openjdk version "11.0.2" 2019-01-15');
        const olderOnPath = path.join(fakeJavaHome('openjdk version "16" 2021-03-16'), 'bin');
        await rejectsWith({ env: { JAVA_HOME: oldHome, PATH: olderOnPath } },
            /\(from JAVA_HOME\) is Java 11, older than 17; .*\(from PATH\) is Java 16, older than 17/);
    });

    it('says when no java exists anywhere', () =>
        rejectsWith({ env: { PATH: '/nonexistent' } }, /none was found: pyprobe.javaPath is not set, JAVA_HOME is not set and there is no java on PATH/));

    it('says when the setting names nothing runnable', () =>
        rejectsWith({ javaPathSetting: '/nonexistent/bin/java', env: {} }, /\/nonexistent\/bin\/java \(from the pyprobe.javaPath setting\) does not exist/));

    it('says when a binary prints no version', () =>
        rejectsWith({ javaPathSetting: path.join(fakeJavaHome('hello'), 'bin', 'java'), env: {} }, /printed no Java version for "-version": hello/));
});
