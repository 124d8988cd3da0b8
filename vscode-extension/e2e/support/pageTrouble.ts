import { Page } from 'playwright-core';

/**
 * What went wrong in a page as it loaded and was used: uncaught exceptions, console errors and
 * requests that failed (offline, any request for the network fails). A page that works shows none.
 */
export class PageTrouble {
    private seen: string[] = [];

    constructor(page: Page) {
        page.on('pageerror', error => this.seen.push(`uncaught ${error.name}: ${error.message}`));
        page.on('console', message => {
            if (message.type() === 'error') {
                this.seen.push(`console error: ${message.text()}`);
            }
        });
        page.on('requestfailed', request => this.seen.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    }

    /** What was seen since the last call, which starts the next count afresh. */
    drain(): string[] {
        return this.seen.splice(0);
    }
}
