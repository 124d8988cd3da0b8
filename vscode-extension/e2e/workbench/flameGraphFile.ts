import { Page } from 'playwright-core';

/** One box of the graph as drawn: where it is, how it looks, and whether its function's name can be read. */
export interface FrameBox {
    /** e.g. "mix_block (/tmp/.../profiled.py:17)", or "all (200 stacks)" for the root. */
    readonly label: string;
    readonly left: number;
    readonly top: number;
    readonly width: number;
    /** Highlighted by the search. */
    readonly matched: boolean;
    /** A caller of the frame zoomed on, drawn faded. */
    readonly faded: boolean;
    /** The computed background colour, e.g. "rgb(224, 64, 251)". */
    readonly background: string;
    /** The function's name (the label up to " (") is drawn whole inside the box, not cut off by its edge. */
    readonly nameShown: boolean;
}

/**
 * The flame graph page that `pyprobe record --format flamegraph` writes, opened by itself in the
 * browser: the graph's boxes and the controls of its header (search, Reset zoom, Icicle).
 */
export class FlameGraphFile {
    constructor(private readonly page: Page) {}

    async open(file: string): Promise<void> {
        await this.page.goto(`file://${file}`);
        await this.page.locator('#graph .frame').first().waitFor();
    }

    title(): Promise<string> {
        return this.page.locator('#title').innerText();
    }

    /** The status line next to the controls, e.g. "matched 99.50% of stacks". */
    status(): Promise<string> {
        return this.page.locator('#status').innerText();
    }

    boxes(): Promise<FrameBox[]> {
        return this.page.locator('#graph .frame').evaluateAll(frames => frames.map(frame => {
            const label = frame.textContent ?? '';
            const box = frame.getBoundingClientRect();
            const style = getComputedStyle(frame);
            // Where the name's last letter is laid out; past the content edge (less room for the
            // ellipsis the box then ends with) the name is cut off.
            const name = document.createRange();
            name.setStart(frame.firstChild!, 0);
            name.setEnd(frame.firstChild!, label.includes(' (') ? label.indexOf(' (') : label.length);
            const contentRight = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
            const ellipsisRoom = frame.scrollWidth > frame.clientWidth ? 12 : 0;
            return {
                label, left: box.left, top: box.top, width: box.width,
                matched: frame.classList.contains('match'), faded: frame.classList.contains('faded'),
                background: style.backgroundColor,
                nameShown: name.getBoundingClientRect().right <= contentRight - ellipsisRoom,
            };
        }));
    }

    /** The width the graph spans, which a zoomed frame fills. */
    graphWidth(): Promise<number> {
        return this.page.locator('#graph').evaluate(graph => graph.getBoundingClientRect().width);
    }

    async search(pattern: string): Promise<void> {
        await this.page.locator('#search').fill(pattern);
    }

    /** Clicks the box at `index` of boxes(), as a person clicks it to zoom. */
    async click(index: number): Promise<void> {
        await this.page.locator('#graph .frame').nth(index).click();
    }

    async resetZoom(): Promise<void> {
        await this.page.getByRole('button', { name: 'Reset zoom' }).click();
    }

    async showIcicle(on: boolean): Promise<void> {
        await this.page.getByLabel('Icicle (callers on top)').setChecked(on);
    }
}
