import * as fs from 'fs';
import * as path from 'path';
import { Page } from 'playwright-core';

/** Numbered screenshots of the whole page, one per step, so a person can follow a run. */
export class Screenshots {
    private taken = 0;

    constructor(private page: Page, private readonly folder: string) {
        fs.rmSync(folder, { recursive: true, force: true });
        fs.mkdirSync(folder, { recursive: true });
    }

    /**
     * Takes the next screenshots of `page` instead, until the function returned is called: a suite
     * that shows a page of its own (a profile file opened by itself) keeps the numbered sequence.
     */
    showing(page: Page): () => void {
        const previous = this.page;
        this.page = page;
        return () => {
            this.page = previous;
        };
    }

    /** @param note added to the file name whole, e.g. FAILED */
    async take(step: string, note?: string): Promise<string> {
        this.taken += 1;
        const name = step.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
        const file = path.join(this.folder, `${String(this.taken).padStart(2, '0')}-${name}${note === undefined ? '' : `-${note}`}.png`);
        await this.page.screenshot({ path: file });
        return file;
    }
}
