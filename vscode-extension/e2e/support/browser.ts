import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM, requireFile } from './paths';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

export interface BrowserPage {
    readonly browser: Browser;
    readonly page: Page;
}

/**
 * A new browser with an empty profile and one page, which may use the clipboard (Copy Value).
 * With `offline` the page is cut off from the network, for files that must open without it.
 */
export async function openBrowser({ offline = false } = {}): Promise<BrowserPage> {
    const browser = await chromium.launch({
        executablePath: requireFile(CHROMIUM, 'Debian\'s chromium, from scripts/install-code-server'),
        headless: true,
        // Playwright gives it a new, empty profile folder of its own.
        args: FLAGS,
    });
    const context = await browser.newContext({
        viewport: { width: 1600, height: 1000 },
        offline,
        permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    return { browser, page };
}
