import { Locator, Page } from 'playwright-core';
import { eventually, sleep } from '../support/waiting';

/** A row of the Breakpoints view as shown: its text, and whether its icon says verified. */
export interface BreakpointRow {
    readonly text: string;
    readonly verified: boolean;
}

/** The Run and Debug view: starting a configuration, and the Call Stack, Variables, Watch and Breakpoints sections. */
export class DebugViews {
    constructor(private readonly page: Page) {}

    async open(): Promise<void> {
        await this.page.keyboard.press('Control+Shift+D');
        await this.page.locator('.start-debug-action-item').waitFor();
    }

    /** Chooses the launch.json configuration in the view's drop-down and presses its green arrow. */
    async start(configuration: string): Promise<void> {
        await this.open();
        const item = this.page.locator('.start-debug-action-item');
        await item.locator('select').selectOption({ label: configuration });
        await item.locator('.codicon-debug-start').click();
    }

    // Call Stack

    async callStackRows(): Promise<string[]> {
        return rowTexts(this.page.locator('.debug-call-stack .monaco-list-row'));
    }

    private threadRow(name: string): Locator {
        return this.page.locator('.debug-call-stack .monaco-list-row', { has: this.page.locator('.thread .name', { hasText: name }) });
    }

    /**
     * Whether the thread's Python name and its state ("counter (idle") show uncut beside its badge:
     * what point 5 of the issue asks. The TID after them may be cut in a narrow sidebar.
     */
    async threadNameAndStateShow(name: string): Promise<boolean> {
        return this.threadRow(name).locator('.thread .name').evaluate((element, pythonName) => {
            const start = new RegExp(`^${pythonName} \\((idle|running|holds the GIL)`).exec(element.textContent ?? '');
            const context = document.createElement('canvas').getContext('2d');
            if (start === null || context === null || element.clientWidth === 0) {
                return false;
            }
            context.font = getComputedStyle(element).font;
            // As cut text would end: with an ellipsis right after it.
            return context.measureText(`${start[0]}…`).width <= element.clientWidth;
        }, name);
    }

    /** Clicks a thread's row (its label, not its arrow): the thread is selected, none of its frames. */
    async selectThread(name: string): Promise<void> {
        await this.threadRow(name).locator('.thread .name').click();
    }

    /** Opens a collapsed thread's row (VS Code opens only the stopped thread's), which fetches its stack. */
    async expandThread(name: string): Promise<void> {
        await this.toggleThread(name, true);
    }

    /** Closes a thread's row, so that the rows below it come into view (the list draws only those in view). */
    async collapseThread(name: string): Promise<void> {
        await this.toggleThread(name, false);
    }

    private async toggleThread(name: string, open: boolean): Promise<void> {
        const row = this.threadRow(name);
        if (((await row.getAttribute('aria-expanded')) === 'true') !== open) {
            await row.locator('.monaco-tl-twistie').click();
        }
        await eventually(`the ${name} thread ${open ? 'open' : 'closed'}`, () => row.getAttribute('aria-expanded'),
            expanded => (expanded === 'true') === open);
    }

    async selectFrame(functionName: string): Promise<void> {
        await this.page.locator('.debug-call-stack .monaco-list-row .stack-frame', {
            has: this.page.locator('.label', { hasText: new RegExp(`^${functionName}$`) }),
        }).first().click();
    }

    /** The functions of the thread's frames, top first, once `frame` is among them. */
    framesShowing(thread: string, frame: string, timeoutMs?: number): Promise<string[]> {
        return eventually(`${frame} on the ${thread} thread's stack`, () => this.framesOf(thread),
            frames => frames.includes(frame), timeoutMs);
    }

    /** The functions of the frames the Call Stack shows under the thread, top first. */
    private async framesOf(thread: string): Promise<string[]> {
        const rows = this.page.locator('.debug-call-stack .monaco-list-row');
        const all = await rows.evaluateAll(elements => elements
            .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
            .map(row => ({
                thread: row.querySelector('.thread .name')?.textContent ?? undefined,
                frame: row.querySelector('.stack-frame .label')?.textContent ?? undefined,
            })));
        const start = all.findIndex(row => row.thread?.startsWith(thread));
        const frames: string[] = [];
        for (const row of start < 0 ? [] : all.slice(start + 1)) {
            if (row.frame === undefined) {
                break;
            }
            frames.push(row.frame);
        }
        return frames;
    }

    /** Whether any stack frame row is selected (focused) in the Call Stack. */
    async frameSelected(): Promise<boolean> {
        return (await this.page.locator('.debug-call-stack .monaco-list-row.selected .stack-frame').count()) > 0;
    }

    // Variables

    async variableRows(): Promise<string[]> {
        return rowTexts(this.page.locator('.debug-variables .monaco-list-row'));
    }

    /** The value shown for a variable, e.g. "n" -> "5184", once the row shows. */
    variable(name: string, timeoutMs?: number): Promise<string> {
        return eventually(`the variable ${name} in Variables`, async () => valueOf(await this.variableRows(), name),
            value => value !== undefined, timeoutMs) as Promise<string>;
    }

    /** Opens a variable's children, as its arrow does. */
    async expandVariable(name: string): Promise<void> {
        const row = this.variableRow(name);
        if ((await row.getAttribute('aria-expanded')) !== 'true') {
            await row.locator('.monaco-tl-twistie').click();
        }
    }

    async expandScope(scope: string): Promise<void> {
        const row = this.page.locator('.debug-variables .monaco-list-row', { has: this.page.locator('.scope', { hasText: scope }) }).first();
        if ((await row.getAttribute('aria-expanded')) !== 'true') {
            await row.click();
        }
    }

    /** Right-clicks a variable and chooses an entry of its context menu, e.g. "Copy Value". */
    async variableMenu(name: string, entry: string): Promise<void> {
        await this.variableRow(name).click({ button: 'right' });
        const item = this.page.locator('.context-view .monaco-menu .action-label', { hasText: entry }).first();
        await item.waitFor();
        // A menu ignores clicks that come right after it opened (the right button's release).
        await sleep(400);
        await item.click();
        await this.page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' });
    }

    private variableRow(name: string): Locator {
        // The name cell reads "n =" in the Variables view.
        return this.page.locator('.debug-variables .monaco-list-row', {
            has: this.page.locator('.name', { hasText: new RegExp(`^${name}( =)?$`) }),
        }).first();
    }

    // Watch

    async addWatch(expression: string): Promise<void> {
        const header = this.page.locator('.pane-header[aria-label="Watch Section"]');
        await header.hover();
        await header.locator('.action-label[aria-label="Add Expression"]').click();
        await this.typeIntoNewRow('.debug-watch', expression);
    }

    async watchRows(): Promise<string[]> {
        return rowTexts(this.page.locator('.debug-watch .monaco-list-row'));
    }

    /** The value a Watch expression shows, once it shows one. */
    watch(expression: string, timeoutMs?: number): Promise<string> {
        return eventually(`the watch expression ${expression}`, async () => valueOf(await this.watchRows(), expression),
            value => value !== undefined && value !== '', timeoutMs) as Promise<string>;
    }

    // Breakpoints

    async addFunctionBreakpoint(name: string): Promise<void> {
        const header = this.page.locator('.pane-header[aria-label="Breakpoints Section"]');
        await header.hover();
        await header.locator('.action-label[aria-label="Add Function Breakpoint"]').click();
        await this.typeIntoNewRow('.debug-breakpoints', name);
    }

    async breakpointRows(): Promise<BreakpointRow[]> {
        return this.page.locator('.debug-breakpoints .monaco-list-row').evaluateAll(rows => rows.map(row => ({
            text: (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
            // VS Code draws an unverified breakpoint with a hollow icon whose class says so.
            verified: row.querySelector('[class*="codicon-debug-breakpoint"]:not([class*="unverified"])') !== null,
        })));
    }

    /** The Breakpoints view's row whose text contains `text`, once its icon says `verified`. */
    breakpoint(text: string, verified: boolean, timeoutMs?: number): Promise<BreakpointRow> {
        return eventually(`a ${verified ? 'verified' : 'unverified'} breakpoint "${text}"`,
            async () => (await this.breakpointRows()).find(row => row.text.includes(text)),
            row => row?.verified === verified, timeoutMs) as Promise<BreakpointRow>;
    }

    /** What the breakpoint's row says when the mouse rests on it (its message). */
    async breakpointHover(text: string): Promise<string> {
        // Away first, so the hover that shows is this row's.
        await this.page.mouse.move(1, 1);
        await this.page.locator('.debug-breakpoints .monaco-list-row', { hasText: text }).first().locator('[class*="codicon-debug-breakpoint"]').hover();
        const hover = this.page.locator('.workbench-hover-container:visible').first();
        await hover.waitFor({ timeout: 10_000 });
        const message = await hover.innerText();
        // Away again, or the hover stays and covers what is clicked next.
        await this.page.mouse.move(1, 1);
        await hover.waitFor({ state: 'hidden' });
        return message;
    }

    /** Types into the input box a view opens for a new row, once it shows (not into whatever had the focus). */
    private async typeIntoNewRow(view: string, text: string): Promise<void> {
        const input = this.page.locator(`${view} .monaco-inputbox input`).first();
        await input.waitFor();
        await input.fill(text);
        await input.press('Enter');
    }

    async removeAllBreakpoints(): Promise<void> {
        const header = this.page.locator('.pane-header[aria-label="Breakpoints Section"]');
        await header.hover();
        await header.locator('.action-label[aria-label="Remove All Breakpoints"]').click();
    }
}

async function rowTexts(rows: Locator): Promise<string[]> {
    return rows.evaluateAll(elements => elements
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map(row => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** "n = 5184" -> "5184" for the name "n"; undefined when no row names it. */
function valueOf(rows: string[], name: string): string | undefined {
    const prefix = `${name} = `;
    return rows.find(row => row.startsWith(prefix))?.slice(prefix.length);
}
