import Mocha = require('mocha');
import * as fs from 'fs';
import * as path from 'path';
import { SCREENSHOTS } from './support/paths';

/**
 * Runs the suite in a real VS Code: the shared set-up first, then the sessions in the order a
 * person would try them (each leaves the workbench as the next expects it).
 */
const SUITES = path.join(__dirname, 'suites');

async function main(): Promise<number> {
    const started = Date.now();
    const mocha = new Mocha({ reporter: 'spec', timeout: 90_000 });
    mocha.addFile(path.join(__dirname, 'support', 'world.js'));
    fs.readdirSync(SUITES).filter(name => name.endsWith('.e2e.js')).sort().forEach(name => mocha.addFile(path.join(SUITES, name)));
    const totals = await new Promise<{ passed: number; failed: number }>(resolve => {
        const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`\nScreenshots of each step: ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS} (${seconds} s)`);
    console.log(`vscode-extension e2e: ${totals.passed} passed, ${totals.failed} failed`);
    return totals.failed === 0 ? 0 : 1;
}

main().then(
    code => process.exit(code),
    error => {
        console.error(error);
        process.exit(1);
    });
