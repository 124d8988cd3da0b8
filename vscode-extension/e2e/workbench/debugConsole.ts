import { Page } from 'playwright-core';
import { eventually } from '../support/waiting';

/** The Debug Console: its output lines and its input, where expressions are evaluated. */
export class DebugConsole {
    constructor(private readonly page: Page) {}

    async open(): Promise<void> {
        const input = this.page.locator('.repl .repl-input-wrapper .monaco-editor');
        if (!(await input.isVisible())) {
            await this.page.keyboard.press('Control+Shift+Y');
        }
        await input.waitFor();
    }

    /** Types the expression into the console's input, presses Enter, and returns the answer shown under it. */
    async evaluate(expression: string): Promise<string> {
        await this.open();
        // The same expression may have been asked before: its answer is the one under a new echo.
        const askedBefore = (await this.answersTo(expression)).length;
        await this.page.locator('.repl .repl-input-wrapper .monaco-editor .view-lines').click();
        await this.page.keyboard.type(expression);
        await this.page.keyboard.press('Enter');
        const answers = await eventually(`the Debug Console's answer to ${expression}`, () => this.answersTo(expression),
            shown => shown.length > askedBefore && shown[shown.length - 1] !== undefined);
        return answers[answers.length - 1]!;
    }

    /** The lines the console shows (the list draws only what is in view: the latest ones). */
    async lines(): Promise<string[]> {
        return this.page.locator('.repl .monaco-list-row').evaluateAll(rows => rows
            .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
            .map(row => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    }

    /** The console's lines once one of them matches; with `filter`, typed into the console's filter box first. */
    async lineMatching(pattern: RegExp, filter?: string, timeoutMs = 15_000): Promise<string> {
        await this.open();
        if (filter !== undefined) {
            await this.setFilter(filter);
        }
        try {
            const lines = await eventually(`a Debug Console line matching ${pattern}`, () => this.lines(),
                shown => shown.some(line => pattern.test(line)), timeoutMs);
            return lines.find(line => pattern.test(line))!;
        } finally {
            if (filter !== undefined) {
                await this.setFilter('');
            }
        }
    }

    private async setFilter(text: string): Promise<void> {
        const box = this.page.locator('.panel .repl-panel-filter-container input, .panel .viewpane-filter input').first();
        await box.fill(text);
    }

    /** For each echo of the expression shown, the answer under it (undefined while none shows yet). */
    private async answersTo(expression: string): Promise<(string | undefined)[]> {
        return this.page.locator('.repl .monaco-list-row').evaluateAll((rows, asked) => {
            const answers: (string | undefined)[] = [];
            let waiting = false;
            const ordered = rows.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
            for (const row of ordered) {
                if (row.querySelector('.codicon-debug-console-evaluation-input') !== null) {
                    waiting = (row as HTMLElement).innerText.trim() === asked;
                    if (waiting) {
                        answers.push(undefined);
                    }
                    continue;
                }
                const result = row.querySelector('.evaluation-result');
                if (waiting && result !== null) {
                    answers[answers.length - 1] = (result as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
                    waiting = false;
                }
            }
            return answers;
        }, expression);
    }
}
