import Ajv from 'ajv';
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { findJava } from '../../src/core/javaRuntime';
import { tempFolder } from '../../test/support/tempFolders';
import { BrowserPage, openBrowser } from '../support/browser';
import { PageTrouble } from '../support/pageTrouble';
import { PROFILED_FIXTURE, SPEEDSCOPE_RELEASE } from '../support/paths';
import { Target } from '../support/target';
import { eventually } from '../support/waiting';
import { world } from '../support/world';
import { FlameGraphFile, FrameBox } from '../workbench/flameGraphFile';
import { SpeedscopeViewer } from '../workbench/speedscopeViewer';

/** The busy thread of e2e/fixtures/profiled.py spends its time in BUSY, called by CALLER. */
const BUSY = 'mix_block';
const CALLER = 'crunch_numbers';
/** The search's highlight (flamegraph.html's .frame.match). */
const MATCH_COLOUR = 'rgb(224, 64, 251)';

/** The part of speedscope's file format that the suite reads beyond what the schema checks. */
interface SpeedscopeFile {
    name: string;
    shared: { frames: { name: string }[] };
    profiles: { startValue: number; endValue: number; samples: number[][]; weights: number[] }[];
}

/**
 * The files `pyprobe record` writes, opened as their users open them: the flame graph page by
 * itself in a browser with no network, and the speedscope JSON checked against speedscope's
 * published schema and imported into speedscope's own viewer.
 */
describe('profile files written by pyprobe record', () => {
    let target: Target;
    let folder: string;
    let browser: BrowserPage;
    let trouble: PageTrouble;
    /** Turns the run's screenshots back to the workbench. */
    let backToWorkbench: (() => void) | undefined;
    const flameGraphFile = () => path.join(folder, `pyprobe-${target.pid}.html`);
    const speedscopeFile = () => path.join(folder, `pyprobe-${target.pid}.speedscope.json`);

    before(async () => {
        target = await Target.start(PROFILED_FIXTURE);
        folder = tempFolder('e2e-profiles');
        browser = await openBrowser({ offline: true });
        trouble = new PageTrouble(browser.page);
        backToWorkbench = world().shots.showing(browser.page);
    });

    after(async () => {
        backToWorkbench?.();
        await browser?.browser.close();
        await target?.stop();
    });

    it('records the busy process as a flame graph page and as speedscope JSON', async () => {
        for (const [format, file] of [['flamegraph', flameGraphFile()], ['speedscope', speedscopeFile()]]) {
            const said = await record(target.pid, format, file);
            assert.match(said, new RegExp(`\\d+ samples, \\d+ stacks .*; wrote ${escapeRegExp(file)}`), said);
        }
    });

    it('opens the flame graph offline without errors, the busy function drawn above its caller', async () => {
        const page = new FlameGraphFile(browser.page);
        await page.open(flameGraphFile());
        assert.match(await page.title(), new RegExp(`^pyprobe: process ${target.pid} \\(Python 3\\.12\\.1\\), \\d+ samples`));
        const boxes = await page.boxes();
        const busy = widest(boxes, BUSY);
        const caller = widest(boxes, CALLER);
        assert.ok(busy.nameShown, `${BUSY}'s name is cut off in its box: ${JSON.stringify(busy)}`);
        // A flame graph: each callee sits on top of its caller, within the caller's span.
        assert.ok(busy.top < caller.top, `${BUSY} is not drawn above ${CALLER}: ${JSON.stringify([busy, caller])}`);
        assert.ok(busy.left >= caller.left && busy.left + busy.width <= caller.left + caller.width + 1,
            `${BUSY} is outside ${CALLER}'s span: ${JSON.stringify([busy, caller])}`);
        assert.deepStrictEqual(trouble.drain(), []);
    });

    it('highlights the busy function\'s frames, and only them, when it is searched', async () => {
        const page = new FlameGraphFile(browser.page);
        await page.search(`^${BUSY} `);
        const boxes = await eventually('the searched frames highlighted', () => page.boxes(), shown => shown.some(box => box.matched));
        for (const box of boxes) {
            const wanted = box.label.startsWith(`${BUSY} (`);
            assert.strictEqual(box.matched, wanted, `${box.label}: highlighted ${box.matched}`);
            assert.strictEqual(box.background === MATCH_COLOUR, wanted, `${box.label}: background ${box.background}`);
        }
        // The busy thread is in the busy function nearly all the time.
        const share = /^matched (\d+\.\d\d)% of stacks$/.exec(await page.status());
        assert.ok(share !== null && Number(share[1]) > 50, `status: ${await page.status()}`);
        assert.deepStrictEqual(trouble.drain(), []);
    });

    it('zooms on a clicked frame, and Reset zoom shows the whole profile again', async () => {
        const page = new FlameGraphFile(browser.page);
        await page.search('');
        const before = await page.boxes();
        const busy = widest(before, BUSY);
        await page.click(before.indexOf(busy));
        const zoomed = await page.boxes();
        const graphWidth = await page.graphWidth();
        // The clicked frame fills the width, its siblings (the function's other lines) are gone,
        // and its callers stay below it, faded.
        const busyZoomed = zoomed.filter(box => box.label.startsWith(`${BUSY} (`));
        assert.deepStrictEqual(busyZoomed.map(box => box.label), [busy.label]);
        assert.ok(Math.abs(busyZoomed[0].width - graphWidth) < 1, `zoomed ${BUSY} is ${busyZoomed[0].width} px of ${graphWidth}`);
        assert.ok(widest(zoomed, CALLER).faded, JSON.stringify(zoomed));
        await page.resetZoom();
        assert.deepStrictEqual(await page.boxes(), before);
        assert.deepStrictEqual(trouble.drain(), []);
    });

    it('draws callers on top of their callees in the icicle view', async () => {
        const page = new FlameGraphFile(browser.page);
        await page.showIcicle(true);
        const boxes = await eventually('the graph drawn as an icicle', () => page.boxes(),
            shown => widest(shown, BUSY).top > widest(shown, CALLER).top);
        const root = boxes.find(box => box.label.startsWith('all ('));
        assert.ok(root !== undefined && boxes.every(box => box.top >= root.top), `the root is not on top: ${JSON.stringify(boxes)}`);
        assert.deepStrictEqual(trouble.drain(), []);
    });

    it('writes speedscope JSON that speedscope\'s published schema accepts, with the busy function in it', () => {
        const schema = JSON.parse(fs.readFileSync(path.join(SPEEDSCOPE_RELEASE, 'file-format-schema.json'), 'utf8'));
        const validate = new Ajv({ allErrors: true }).compile(schema);
        const file = JSON.parse(fs.readFileSync(speedscopeFile(), 'utf8')) as SpeedscopeFile;
        assert.ok(validate(file), `not valid speedscope: ${JSON.stringify(validate.errors, null, 2)}`);
        const names = file.shared.frames.map(frame => frame.name);
        assert.ok(names.includes(BUSY) && names.includes(CALLER), `frames: ${JSON.stringify(names)}`);
        // What speedscope's importer relies on and the schema cannot say: indexes that name frames,
        // one weight per sample, and weights that add up to the profile's span.
        for (const profile of file.profiles) {
            assert.ok(profile.samples.flat().every(i => Number.isInteger(i) && i >= 0 && i < names.length), JSON.stringify(profile.samples));
            assert.strictEqual(profile.weights.length, profile.samples.length);
            assert.strictEqual(profile.weights.reduce((sum, w) => sum + w, 0), profile.endValue - profile.startValue);
        }
    });

    it('opens in speedscope\'s own viewer, offline and without errors', async () => {
        const viewer = new SpeedscopeViewer(browser.page);
        await viewer.importFile(SPEEDSCOPE_RELEASE, speedscopeFile());
        const file = JSON.parse(fs.readFileSync(speedscopeFile(), 'utf8')) as SpeedscopeFile;
        assert.strictEqual(await viewer.shownProfile(), `${file.name} - speedscope`);
        const rows = await viewer.sandwich();
        const caller = rows.find(row => row.symbol === CALLER);
        assert.ok(rows.some(row => row.symbol === BUSY), `Sandwich rows: ${JSON.stringify(rows)}`);
        // Its total reads e.g. "184 (>99%)": the samples, then the share.
        assert.ok(caller !== undefined && Number.parseInt(caller.total, 10) > file.profiles[0].endValue / 2,
            `Sandwich rows: ${JSON.stringify(rows)}`);
        assert.deepStrictEqual(trouble.drain(), []);
    });
});

/** Runs `pyprobe record` for two seconds, from the jar the extension ships; returns what it said on stderr. */
async function record(pid: number, format: string, file: string): Promise<string> {
    const java = await findJava({ env: process.env });
    const { stderr } = await promisify(execFile)(java.executable,
        ['-jar', world().serverJar, 'record', `${pid}`, '--duration', '2', '--format', format, '-o', file],
        { env: process.env, timeout: 60_000 });
    return stderr;
}

/** The widest box of `fn`: a function sampled at several lines has a box per line. */
function widest(boxes: FrameBox[], fn: string): FrameBox {
    const found = boxes.filter(box => box.label.startsWith(`${fn} (`));
    assert.ok(found.length > 0, `no box of ${fn} in ${JSON.stringify(boxes.map(box => box.label))}`);
    return found.reduce((a, b) => (b.width > a.width ? b : a));
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
