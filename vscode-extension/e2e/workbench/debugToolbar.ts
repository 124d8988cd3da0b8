import { Locator, Page } from 'playwright-core';

export type ToolbarButton = 'Continue' | 'Pause' | 'Step Over' | 'Step Into' | 'Step Out' | 'Disconnect' | 'Profile Process...';

/** The floating debug toolbar. */
export class DebugToolbar {
    constructor(private readonly page: Page) {}

    button(name: ToolbarButton): Locator {
        return this.page.locator(`.debug-toolbar .action-label[aria-label^="${name} ("], .debug-toolbar .action-label[aria-label="${name}"]`).first();
    }

    async click(name: ToolbarButton): Promise<void> {
        await this.button(name).click();
    }

    /** Waits until the toolbar offers `name`: Continue while paused, Pause while running. */
    async waitFor(name: ToolbarButton, timeoutMs = 15_000): Promise<void> {
        await this.button(name).waitFor({ state: 'visible', timeout: timeoutMs });
    }

    async gone(timeoutMs = 15_000): Promise<void> {
        await this.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: timeoutMs });
    }

    /** Whether a button shows and can be pressed (VS Code greys out and marks disabled ones). */
    async usable(name: ToolbarButton): Promise<boolean> {
        const button = this.button(name);
        if ((await button.count()) === 0 || !(await button.isVisible())) {
            return false;
        }
        return (await button.getAttribute('aria-disabled')) !== 'true';
    }
}
