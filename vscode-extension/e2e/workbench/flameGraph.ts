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

    /**
     * Clicks the widest frame whose label matches, as a person clicks a box of the graph they can
     * read (a frame of one sample in a hundred is a sliver that its neighbour covers); returns its label.
     */
    async click(pattern: RegExp): Promise<string> {
        await eventually(`a flame graph frame matching ${pattern}`, () => this.labels(),
            shown => shown.some(label => pattern.test(label)));
        const frames = (await this.document()).locator('#graph .frame');
        const boxes = await frames.evaluateAll(shown => shown.map(frame =>
            ({ label: frame.textContent ?? '', width: frame.getBoundingClientRect().width })));
        let index = -1;
        boxes.forEach((box, i) => {
            if (pattern.test(box.label) && (index < 0 || box.width > boxes[index].width)) {
                index = i;
            }
        });
        await frames.nth(index).click();
        return boxes[index].label;
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
