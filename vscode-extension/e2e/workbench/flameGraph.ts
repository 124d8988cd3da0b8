import { Frame, Page } from 'playwright-core';
import { eventually } from '../support/waiting';

/**
 * The flame graph that "pyprobe: Profile Process..." opens in a webview. VS Code puts a webview's
 * page in an iframe inside another iframe; the flame graph's is the frame whose document has the
 * graph's frames drawn.
 */
export class FlameGraph {
    constructor(private readonly page: Page) {}

    /** The webview's document, once its graph is drawn. */
    async document(timeoutMs = 30_000): Promise<Frame> {
        return (await eventually('a webview with the flame graph drawn', () => this.drawnIn(), frame => frame !== undefined, timeoutMs))!;
    }

    /** The labels of the graph's frames, e.g. "tick (/tmp/.../counter.py:23)". */
    async labels(): Promise<string[]> {
        const document = await this.document();
        return document.locator('#graph .frame').evaluateAll(frames => frames.map(frame => frame.textContent ?? ''));
    }

    /** Clicks the first frame whose label matches, as a person clicks a box of the graph; returns its label. */
    async click(pattern: RegExp): Promise<string> {
        const labels = await eventually(`a flame graph frame matching ${pattern}`, () => this.labels(),
            shown => shown.some(label => pattern.test(label)));
        const index = labels.findIndex(label => pattern.test(label));
        await (await this.document()).locator('#graph .frame').nth(index).click();
        return labels[index];
    }

    private async drawnIn(): Promise<Frame | undefined> {
        for (const frame of this.page.frames()) {
            // A frame may be navigating or gone while it is asked.
            const drawn = await frame.locator('#graph .frame').count().catch(() => 0);
            if (drawn > 0) {
                return frame;
            }
        }
        return undefined;
    }
}
