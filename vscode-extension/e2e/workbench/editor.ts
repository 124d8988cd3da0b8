import { Page } from 'playwright-core';
import { eventually } from '../support/waiting';

/** The text editor: opening files, going to a line, F9, the gutter, and hovering a word. */
export class Editor {
    constructor(private readonly page: Page) {}

    /** Opens a workspace file with Quick Open (Ctrl+P). */
    async open(fileName: string): Promise<void> {
        await this.page.keyboard.press('Control+P');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor();
        await input.fill(fileName);
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
        await this.page.keyboard.press('Enter');
        await this.page.locator('.editor-group-container .tab.active', { hasText: fileName }).waitFor();
    }

    /** Waits until the active editor tab is the file's. */
    async activeTab(fileName: string): Promise<void> {
        await this.page.locator('.editor-group-container .tab.active', { hasText: fileName }).first().waitFor();
    }

    /** Moves the cursor to the line with Go to Line (Ctrl+G). */
    async goToLine(line: number): Promise<void> {
        await this.page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
        await this.page.keyboard.press('Control+G');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor();
        await input.fill(`:${line}`);
        await input.press('Enter');
        await input.waitFor({ state: 'hidden' });
    }

    /** Toggles a breakpoint on the line as F9 does. */
    async toggleBreakpoint(line: number): Promise<void> {
        await this.goToLine(line);
        await this.page.keyboard.press('F9');
    }

    /** The breakpoint glyph drawn in the gutter of the line, once its classes match. */
    gutterGlyph(line: number, pattern: RegExp): Promise<string> {
        return eventually(`a gutter glyph matching ${pattern} on line ${line}`, () => this.glyphClasses(line), classes => pattern.test(classes));
    }

    /** The classes of the breakpoint glyph in the gutter of the line ("" when none): they say which kind. */
    private async glyphClasses(line: number): Promise<string> {
        return this.page.locator('.editor-group-container .monaco-editor').first().evaluate((editor, wanted) => {
            const number = [...editor.querySelectorAll('.line-numbers')].find(element => element.textContent?.trim() === String(wanted));
            if (number === undefined) {
                return '';
            }
            const top = number.getBoundingClientRect().top;
            const glyph = [...editor.querySelectorAll('[class*="codicon-debug-breakpoint"]')]
                .find(element => Math.abs(element.getBoundingClientRect().top - top) < 4);
            return glyph?.className ?? '';
        }, line);
    }

    /** Rests the mouse on the `occurrence`-th (from 0) appearance of `word` in the line, as for a hover. */
    async hoverWord(line: number, word: string, occurrence = 0): Promise<void> {
        await this.goToLine(line);
        // The editor may still be scrolling to the line: looked up until it shows there.
        const point = await eventually(`"${word}" on line ${line}`, () => this.wordPosition(line, word, occurrence),
            found => found !== undefined, 5_000);
        // Away first, so the hover that shows is this word's.
        await this.page.mouse.move(1, 1);
        await this.page.mouse.move(point!.x, point!.y, { steps: 4 });
    }

    /** Where the word shows on the screen (its middle), or undefined while the line is not shown. */
    private wordPosition(line: number, word: string, occurrence: number): Promise<{ x: number; y: number } | undefined> {
        return this.page.locator('.editor-group-container .monaco-editor').first().evaluate((editor, args) => {
            const number = [...editor.querySelectorAll('.line-numbers')].find(element => element.textContent?.trim() === String(args.line));
            if (number === undefined) {
                return undefined;
            }
            const top = number.getBoundingClientRect().top;
            const viewLine = [...editor.querySelectorAll('.view-line')].find(element => Math.abs(element.getBoundingClientRect().top - top) < 4);
            if (viewLine === undefined) {
                return undefined;
            }
            const walker = document.createTreeWalker(viewLine, NodeFilter.SHOW_TEXT);
            const pattern = new RegExp(`\\b${args.word}\\b`, 'g');
            let seen = 0;
            for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
                const text = (node.textContent ?? '').replace(/\u00a0/g, ' ');
                for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
                    if (seen++ === args.occurrence) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + args.word.length);
                        const box = range.getBoundingClientRect();
                        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
                    }
                }
            }
            return undefined;
        }, { line, word, occurrence });
    }

    /**
     * The texts drawn after the lines of the editor by decorations. The editor draws them with a
     * CSS `::after` rule, so they are in no element's text: they are read from the computed style.
     */
    async afterTexts(): Promise<string[]> {
        return this.page.locator('.editor-group-container .monaco-editor .view-lines').first().evaluate(lines => {
            const texts: string[] = [];
            lines.querySelectorAll('span').forEach(span => {
                const content = getComputedStyle(span, '::after').content;
                if (content !== 'none' && content !== 'normal' && content !== '""') {
                    texts.push(JSON.parse(content) as string);
                }
            });
            return texts;
        });
    }

    /** The decoration texts once one matches. */
    afterTextMatching(pattern: RegExp): Promise<string> {
        return eventually(`a decoration text matching ${pattern} in the editor`, async () => (await this.afterTexts()).find(text => pattern.test(text)) ?? '',
            text => text !== '');
    }
}
