import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PathMapper } from '../../src/core/pathMapping';
import { SourceRewriter } from '../../src/core/sourceRewriter';
import { tempFolder } from '../support/tempFolders';

function writeFile(folder: string, relative: string): string {
    const file = path.join(folder, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# copy\n');
    return file;
}

describe('PathMapper', () => {
    let local: string;
    let vendored: string;
    let mapper: PathMapper;

    beforeEach(() => {
        local = tempFolder('local');
        vendored = tempFolder('vendored');
        mapper = new PathMapper([
            { remoteRoot: '/srv/app/', localRoot: local },
            { remoteRoot: '/srv/app/vendor', localRoot: vendored },
        ]);
    });

    it('maps a remote file to its local copy when the copy exists', () => {
        const copy = writeFile(local, 'pkg/worker.py');
        assert.strictEqual(mapper.toLocal('/srv/app/pkg/worker.py'), copy);
        assert.strictEqual(mapper.toLocal('/srv/app/./pkg/../pkg/worker.py'), copy);
    });

    it('keeps the remote path when the local copy is missing', () => {
        assert.strictEqual(mapper.toLocal('/srv/app/pkg/missing.py'), undefined);
    });

    it('matches whole folder names only', () => {
        writeFile(local, 'lication/x.py');
        assert.strictEqual(mapper.toLocal('/srv/application/x.py'), undefined);
    });

    it('prefers the most specific root', () => {
        const inVendored = writeFile(vendored, 'lib.py');
        writeFile(local, 'vendor/lib.py');
        assert.strictEqual(mapper.toLocal('/srv/app/vendor/lib.py'), inVendored);
    });

    it('falls back to a less specific root whose copy exists', () => {
        const inLocal = writeFile(local, 'vendor/only_here.py');
        assert.strictEqual(mapper.toLocal('/srv/app/vendor/only_here.py'), inLocal);
    });

    it('maps local files to remote paths for breakpoints, whether or not they exist', () => {
        assert.strictEqual(mapper.toRemote(path.join(local, 'pkg', 'new.py')), '/srv/app/pkg/new.py');
        assert.strictEqual(mapper.toRemote(path.join(vendored, 'lib.py')), '/srv/app/vendor/lib.py');
        assert.strictEqual(mapper.toRemote('/elsewhere/x.py'), undefined);
    });
});

describe('SourceRewriter', () => {
    let local: string;
    let rewriter: SourceRewriter;

    beforeEach(() => {
        local = tempFolder('rewrite');
        rewriter = new SourceRewriter(new PathMapper([{ remoteRoot: '/srv/app', localRoot: local }]));
    });

    it('opens local copies in stack traces and leaves the others to the server', () => {
        const copy = writeFile(local, 'main.py');
        const response = {
            seq: 9, type: 'response', request_seq: 4, command: 'stackTrace', success: true,
            body: {
                stackFrames: [
                    { id: 1, name: 'work', line: 3, column: 1, source: { name: 'main.py', path: '/srv/app/main.py', sourceReference: 11 } },
                    { id: 2, name: 'gone', line: 8, column: 1, source: { name: 'gone.py', path: '/srv/app/gone.py', sourceReference: 12 } },
                    { id: 3, name: 'lib', line: 1, column: 1, source: { name: 'os.py', path: '/usr/lib/python3.12/os.py', sourceReference: 13 } },
                ],
                totalFrames: 3,
            },
        };
        const original = JSON.parse(JSON.stringify(response));
        const rewritten = rewriter.fromAdapter(response) as typeof response;
        assert.deepStrictEqual(rewritten.body.stackFrames.map(frame => frame.source), [
            { name: 'main.py', path: copy },
            { name: 'gone.py', path: '/srv/app/gone.py', sourceReference: 12 },
            { name: 'os.py', path: '/usr/lib/python3.12/os.py', sourceReference: 13 },
        ]);
        assert.deepStrictEqual(response, original, 'the message it was given is not changed');
    });

    it('rewrites sources in events and loaded-source lists', () => {
        const copy = writeFile(local, 'a.py');
        const output = rewriter.fromAdapter({ type: 'event', event: 'output', body: { output: 'hit\n', source: { path: '/srv/app/a.py' }, line: 2 } });
        assert.deepStrictEqual(output.body, { output: 'hit\n', source: { path: copy }, line: 2 });
        const loaded = rewriter.fromAdapter({ type: 'response', command: 'loadedSources', body: { sources: [{ path: '/srv/app/a.py', sourceReference: 3 }] } });
        assert.deepStrictEqual(loaded.body, { sources: [{ path: copy }] });
    });

    it('gives the server remote paths for breakpoints set in local files', () => {
        const request = {
            seq: 5, type: 'request', command: 'setBreakpoints',
            arguments: { source: { name: 'a.py', path: path.join(local, 'pkg', 'a.py') }, breakpoints: [{ line: 4 }] },
        };
        assert.deepStrictEqual(rewriter.toAdapter(request).arguments, {
            source: { name: 'a.py', path: '/srv/app/pkg/a.py' }, breakpoints: [{ line: 4 }],
        });
    });

    it('leaves messages without sources and responses sent to the server as they are', () => {
        const threads = { type: 'response', command: 'threads', body: { threads: [{ id: 1, name: 'MainThread' }] } };
        assert.deepStrictEqual(rewriter.fromAdapter(threads), threads);
        const response = { type: 'response', command: 'runInTerminal', body: { source: { path: path.join(local, 'x.py') } } };
        assert.strictEqual(rewriter.toAdapter(response), response);
    });

    it('rewrites sources at DAP depths and leaves absurdly deep nesting as it is', () => {
        const copy = writeFile(local, 'deep.py');
        let deep: Record<string, unknown> = { source: { path: '/srv/app/deep.py' } };
        for (let i = 0; i < 10_000; i++) {
            deep = { inner: deep };
        }
        const body = rewriter.fromAdapter({ type: 'event', event: 'x', body: { source: { path: '/srv/app/deep.py' }, deep } })
            .body as Record<string, unknown>;
        assert.deepStrictEqual(body.source, { path: copy });
        let innermost = body.deep as Record<string, unknown>;
        for (let i = 0; i < 10_000; i++) {
            innermost = innermost.inner as Record<string, unknown>;
        }
        assert.deepStrictEqual(innermost.source, { path: '/srv/app/deep.py' });
    });
});
