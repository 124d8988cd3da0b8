import * as assert from 'assert';
import { lineFigures, TINT_LEVELS } from '../../src/core/lineFigures';

describe('profile figures per line', () => {
    const local = (targetPath: string) => (targetPath.startsWith('/srv/app/') ? `/home/me/app/${targetPath.slice('/srv/app/'.length)}` : undefined);

    it('gives each line its self and total share of the samples, by local file and in line order', () => {
        const { byFile, missing } = lineFigures([
            { path: '/srv/app/shop.py', line: 40, self: 0, total: 401 },
            { path: '/srv/app/shop.py', line: 12, self: 123, total: 123 },
            { path: '/srv/app/util.py', line: 3, self: 7, total: 9 },
        ], 1000, local);
        assert.deepStrictEqual([...byFile.keys()], ['/home/me/app/shop.py', '/home/me/app/util.py']);
        assert.deepStrictEqual(byFile.get('/home/me/app/shop.py')!.map(figure => [figure.line, figure.text]), [
            [12, '  ▮ 12.3% self, 12.3% total'],
            [40, '  ▮ 0.0% self, 40.1% total'],
        ]);
        assert.deepStrictEqual(missing, []);
    });

    it('tints by the line\'s own samples against the hottest line\'s, and leaves lines without own samples untinted', () => {
        const { byFile } = lineFigures([
            { path: '/srv/app/a.py', line: 1, self: 200, total: 200 },
            { path: '/srv/app/a.py', line: 2, self: 100, total: 300 },
            { path: '/srv/app/a.py', line: 3, self: 1, total: 1 },
            { path: '/srv/app/a.py', line: 4, self: 0, total: 300 },
        ], 300, local);
        assert.deepStrictEqual(byFile.get('/home/me/app/a.py')!.map(figure => figure.tint), [TINT_LEVELS, 3, 1, 0]);
    });

    it('lists the files this machine lacks once each, and asks for each file\'s place once', () => {
        const asked: string[] = [];
        const { byFile, missing } = lineFigures([
            { path: '/usr/lib/python3.12/threading.py', line: 1010, self: 0, total: 5 },
            { path: '/usr/lib/python3.12/threading.py', line: 1073, self: 0, total: 5 },
            { path: '/opt/other.py', line: 1, self: 5, total: 5 },
        ], 5, targetPath => {
            asked.push(targetPath);
            return local(targetPath);
        });
        assert.strictEqual(byFile.size, 0);
        assert.deepStrictEqual(missing, ['/opt/other.py', '/usr/lib/python3.12/threading.py']);
        assert.deepStrictEqual(asked, ['/usr/lib/python3.12/threading.py', '/opt/other.py']);
    });

    it('shows 0.0% rather than dividing by nothing when no stack was kept', () => {
        const { byFile } = lineFigures([{ path: '/srv/app/a.py', line: 1, self: 0, total: 0 }], 0, local);
        assert.deepStrictEqual(byFile.get('/home/me/app/a.py'), [{ line: 1, text: '  ▮ 0.0% self, 0.0% total', tint: 0 }]);
    });
});
