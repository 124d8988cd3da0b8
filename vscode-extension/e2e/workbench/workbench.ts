import { Page } from 'playwright-core';
import { eventually } from '../support/waiting';

declare global {
    interface Window {
        pyprobeToasts?: Map<Element, string>;
    }
}

/**
 * The VS Code workbench in the page, as a person uses it: commands, keys, the status bar and the
 * notification toasts. Views of the debugger have modules of their own.
 */
export class Workbench {
    private constructor(readonly page: Page) {}

    static async open(page: Page, url: string): Promise<Workbench> {
        // Toasts disappear after a while; every one shown is noted, as a person watching would.
        await page.addInitScript(() => {
            const toasts = new Map<Element, string>();
            window.pyprobeToasts = toasts;
            new MutationObserver(() => {
                document.querySelectorAll('.notification-toast .notification-list-item-message').forEach(message => {
                    if (message.textContent) {
                        toasts.set(message, message.textContent);
                    }
                });
            }).observe(document, { subtree: true, childList: true, characterData: true });
        });
        await page.goto(url);
        await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
        await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ timeout: 60_000 });
        return new Workbench(page);
    }

    /** Runs a command from the command palette (F1), by its title as the palette shows it. */
    async runCommand(title: string): Promise<void> {
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor();
        await input.fill(`>${title}`);
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
        await this.page.keyboard.press('Enter');
    }

    /** The rows of the open quick pick: label, description and detail as shown. */
    async quickPickRows(): Promise<string[]> {
        await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
        return this.page.locator('.quick-input-list .monaco-list-row').evaluateAll(rows => rows.map(row => (row as HTMLElement).innerText));
    }

    /** Types into the open quick pick (a new one, once its rows show what was typed) and accepts the row `row`. */
    async typeIntoQuickPick(text: string, row: string): Promise<void> {
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await eventually('a new quick pick, empty', () => input.inputValue(), value => value === '');
        await input.fill(text);
        await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).first().waitFor();
        await input.press('Enter');
    }

    /**
     * Narrows the open quick pick by typing, as a user does in a long list (only the rows in view
     * are in the page), then picks the first row showing the text.
     */
    async pickQuickPickRow(text: string): Promise<void> {
        await this.page.locator('.quick-input-box input').fill(text);
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
    }

    async press(keys: string): Promise<void> {
        await this.page.keyboard.press(keys);
    }

    /** Every notification toast shown since the page opened, oldest first. */
    toasts(): Promise<string[]> {
        return this.page.evaluate(() => [...(window.pyprobeToasts?.values() ?? [])]);
    }

    /** The texts of the notification toasts on the screen now. */
    shownToasts(): Promise<string[]> {
        return this.page.locator('.notification-toast .notification-list-item-message')
            .evaluateAll(messages => messages.map(message => (message as HTMLElement).innerText));
    }

    /** A toast on the screen whose text matches, once one shows (progress toasts change their text in place). */
    toastShowing(pattern: RegExp, timeoutMs?: number): Promise<string> {
        return eventually(`a notification toast matching ${pattern}`,
            async () => (await this.shownToasts()).find(text => pattern.test(text)) ?? '', text => text !== '', timeoutMs);
    }

    statusBarTexts(): Promise<string[]> {
        return this.page.locator('.part.statusbar .statusbar-item').evaluateAll(items => items.map(item => (item as HTMLElement).innerText));
    }

    /** The status bar item whose text matches, once it shows. */
    statusBarItem(pattern: RegExp, timeoutMs?: number): Promise<string> {
        return eventually(`a status bar item matching ${pattern}`,
            async () => (await this.statusBarTexts()).find(text => pattern.test(text)) ?? '', text => text !== '', timeoutMs);
    }

    /** What a paste would insert, once something was copied (a new browser starts with an empty clipboard). */
    clipboard(): Promise<string> {
        return eventually('something copied to the clipboard', () => this.page.evaluate(() => navigator.clipboard.readText()),
            text => text !== '', 5_000);
    }

    /** The text of the hover box that shows while the mouse rests on something. */
    async hoverText(): Promise<string> {
        const hover = this.page.locator('.monaco-hover:visible, .workbench-hover:visible, .debug-hover-widget:visible').first();
        await hover.waitFor({ timeout: 5_000 });
        return hover.innerText();
    }
}
