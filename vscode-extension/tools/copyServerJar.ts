import * as fs from 'fs';
import * as path from 'path';

/**
 * Copies the server jar built by Maven into the extension so that `vsce package` bundles it.
 * Runs from out/tools, two levels below the extension folder.
 */
const extensionRoot = path.resolve(__dirname, '..', '..');
const builtJar = path.resolve(extensionRoot, '..', 'server', 'target', 'pyprobe.jar');
const bundledJar = path.join(extensionRoot, 'server', 'pyprobe.jar');

if (!fs.existsSync(builtJar)) {
    console.error(`pyprobe server jar not found at ${builtJar}.\n`
        + 'Build it first at the repository root: mvn -o -q -B -DskipTests package');
    process.exit(1);
}
fs.mkdirSync(path.dirname(bundledJar), { recursive: true });
fs.copyFileSync(builtJar, bundledJar);
console.log(`bundled ${builtJar} as ${path.relative(extensionRoot, bundledJar)}`);
