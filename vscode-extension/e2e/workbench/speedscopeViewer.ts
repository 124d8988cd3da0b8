import * as path from 'path';
import { Page } from 'playwright-core';
import { eventually } from '../support/waiting';

/** A row of speedscope's Sandwich view: a function with its total and self samples, e.g. "156 (78%)". */
export interface SandwichRow {
    readonly total: string;
    readonly self: string;
    readonly symbol: string;
}

/**
 * speedscope's own viewer, from its npm package, with a file imported as a person does it with
 * its Browse button; what it shows in the DOM (its graphs are drawn on a canvas).
 */
export class SpeedscopeViewer {
    constructor(private readonly page: Page) {}

    async importFile(release: string, file: string): Promise<void> {
        await this.page.goto(`file://${path.join(release, 'index.html')}`);
        await this.page.locator('input[type=file]').setInputFiles(file);
    }

    /** The page's title once a profile is shown: speedscope names it after the file's "name". */
    shownProfile(): Promise<string> {
        return eventually('speedscope showing a profile', () => this.page.title(), title => title.endsWith(' - speedscope'));
    }

    /** Switches to the Sandwich view and reads its table of functions. */
    async sandwich(): Promise<SandwichRow[]> {
        await this.page.getByText('Sandwich').click();
        const rows = this.page.locator('table tr:has(td)');
        await rows.first().waitFor();
        return rows.evaluateAll(trs => trs.map(tr => {
            const [total, self, symbol] = Array.from(tr.querySelectorAll('td'), td => td.textContent ?? '');
            return { total, self, symbol };
        }));
    }
}
