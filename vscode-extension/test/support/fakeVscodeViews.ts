import { EventEmitter } from '../../src/core/eventEmitter';

/** Fakes of the VS Code objects the profiling command works with: quick pick, progress, webview, editors. */

export class FakeQuickPick {
    title = '';
    placeholder = '';
    items: { label: string }[] = [];
    private typed = '';
    private readonly changed = new EventEmitter<string>();
    private readonly accepted = new EventEmitter<void>();
    private readonly hidden = new EventEmitter<void>();
    readonly onDidChangeValue = this.changed.event;
    readonly onDidAccept = this.accepted.event;
    readonly onDidHide = this.hidden.event;
    disposed = false;

    constructor(private readonly shown: (pick: FakeQuickPick) => void) {}

    get value(): string {
        return this.typed;
    }

    /** The rows still shown for what is typed (VS Code filters by label), the first one highlighted. */
    get activeItems(): { label: string }[] {
        const row = this.items.find(item => item.label.includes(this.typed));
        return row === undefined ? [] : [row];
    }

    show(): void {
        this.shown(this);
    }

    hide(): void {
        this.hidden.fire();
    }

    dispose(): void {
        this.disposed = true;
    }

    /** What a person does: types into the box, then presses Enter or Escape. */
    type(text: string): void {
        this.typed = text;
        this.changed.fire(text);
    }

    accept(): void {
        this.accepted.fire();
    }
}

export class FakeProgress {
    readonly reports: { message?: string }[] = [];
    private readonly cancellation = new EventEmitter<void>();
    readonly token = { isCancellationRequested: false, onCancellationRequested: this.cancellation.event };

    constructor(readonly options: { title?: string; cancellable?: boolean }) {}

    /** The notification's Cancel button. */
    cancel(): void {
        this.token.isCancellationRequested = true;
        this.cancellation.fire();
    }
}

export class FakeWebviewPanel {
    private readonly messages = new EventEmitter<unknown>();
    private readonly disposed = new EventEmitter<void>();
    readonly webview = { html: '', onDidReceiveMessage: this.messages.event };
    readonly onDidDispose = this.disposed.event;
    /** Where VS Code put it: Beside the active editor, here the second group. */
    readonly viewColumn = 2;

    constructor(readonly viewType: string, readonly title: string, readonly options: { enableScripts?: boolean }) {}

    /** What the page's script does with vscode.postMessage. */
    post(message: unknown): void {
        this.messages.fire(message);
    }
}

export class FakeTextEditor {
    /** The decorations set per decoration type, as the last setDecorations call left them. */
    readonly decorations = new Map<unknown, { range: { start: { line: number } }; renderOptions: { after: { contentText: string } } }[]>();
    readonly document: { uri: { scheme: string; fsPath: string }; lineCount: number };

    constructor(fsPath: string, lineCount: number) {
        this.document = { uri: { scheme: 'file', fsPath }, lineCount };
    }

    setDecorations(type: unknown, options: { range: { start: { line: number } }; renderOptions: { after: { contentText: string } } }[]): void {
        this.decorations.set(type, options);
    }

    /** The after-texts shown, by 0-based line, with the index of the type (its tint) that draws them. */
    shown(types: unknown[]): { line: number; text: string; tint: number }[] {
        const shown: { line: number; text: string; tint: number }[] = [];
        this.decorations.forEach((options, type) => options.forEach(option => shown.push({
            line: option.range.start.line, text: option.renderOptions.after.contentText, tint: types.indexOf(type),
        })));
        return shown.sort((a, b) => a.line - b.line);
    }
}
