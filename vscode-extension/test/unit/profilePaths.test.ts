import * as assert from 'assert';
import { ProfilePaths } from '../../src/core/profilePaths';

describe('profile paths', () => {
    const existing = new Set(['/home/me/app/shop.py', '/srv/app/only-here.py', '/usr/lib/python3.12/threading.py']);
    const exists = (file: string) => existing.has(file);

    it('maps a file under a remoteRoot to its local copy, as stack frames are', () => {
        const paths = new ProfilePaths([{ remoteRoot: '/srv/app', localRoot: '/home/me/app' }], exists);
        assert.strictEqual(paths.toLocal('/srv/app/shop.py'), '/home/me/app/shop.py');
    });

    it('falls back to the same path when it exists here, and gives up when it does not', () => {
        const paths = new ProfilePaths([{ remoteRoot: '/srv/app', localRoot: '/home/me/app' }], exists);
        assert.strictEqual(paths.toLocal('/srv/app/only-here.py'), '/srv/app/only-here.py', 'no local copy under localRoot');
        assert.strictEqual(paths.toLocal('/usr/lib/python3.12/threading.py'), '/usr/lib/python3.12/threading.py');
        assert.strictEqual(paths.toLocal('/srv/app/gone.py'), undefined);
    });

    it('opens the target\'s own paths when there are no mappings (a local attach)', () => {
        const paths = new ProfilePaths([], exists);
        assert.strictEqual(paths.toLocal('/home/me/app/shop.py'), '/home/me/app/shop.py');
        assert.strictEqual(paths.toLocal('/nowhere.py'), undefined);
    });
});
