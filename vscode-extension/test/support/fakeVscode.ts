import Module = require('module');
import * as path from 'path';
import { EventEmitter } from '../../src/core/eventEmitter';
import { FakeProgress, FakeQuickPick, FakeTextEditor, FakeWebviewPanel } from './fakeVscodeViews';

/**
 * The few parts of the `vscode` API the extension's thin layer uses, recording what it is asked
 * to do. The `vscode` module exists only inside VS Code (and @vscode/test-electron cannot fetch
 * one here), so this is how that layer's wiring is exercised in plain Node.
 */
export class FakeStatusItem {
    name = '';
    text = '';
    tooltip = '';
    command: string | undefined;
    visible = false;

    constructor(readonly id: string) {}

    show(): void {
        this.visible = true;
    }

    hide(): void {
        this.visible = false;
    }

    dispose(): void {
        this.visible = false;
    }
}

export class FakeVscode {
    readonly providers = new Map<string, unknown>();
    readonly factories = new Map<string, unknown>();
    readonly trackerFactories = new Map<string, unknown>();
    /** The status bar items the extension created, as they are now. */
    readonly statusItems: FakeStatusItem[] = [];
    activeDebugSession: unknown = undefined;
    private readonly sessionListeners = { active: [] as (() => void)[], terminated: [] as ((session: { id: string }) => void)[] };
    readonly commands = new Map<string, (...args: unknown[]) => unknown>();
    readonly errors: { message: string; items: string[] }[] = [];
    readonly infos: string[] = [];
    readonly warnings: string[] = [];
    /** Which button of an information message is clicked, given the message and its buttons. */
    answerInfo: (message: string, items: string[]) => string | undefined = () => undefined;
    /** What a person does with a quick pick made by createQuickPick once it shows. */
    onQuickPick: (pick: FakeQuickPick) => void = pick => pick.hide();
    readonly progresses: FakeProgress[] = [];
    readonly panels: FakeWebviewPanel[] = [];
    readonly decorationTypes: { options: Record<string, unknown> }[] = [];
    visibleTextEditors: FakeTextEditor[] = [];
    readonly visibleEditorsChanged = new EventEmitter<FakeTextEditor[]>();
    readonly shownDocuments: { path: string; options: { viewColumn?: number; selection?: { start: { line: number; character: number } } } }[] = [];
    readonly startedSessions: unknown[] = [];
    settings: Record<string, unknown> = {};
    /** What the quick pick returns, given the items it shows. */
    pick: (items: { label: string; description?: string; detail?: string }[]) => unknown = () => undefined;
    shownPickItems: { label: string; description?: string; detail?: string }[] = [];

    readonly module = {
        DebugAdapterExecutable: class { constructor(readonly command: string, readonly args: string[]) {} },
        DebugAdapterServer: class { constructor(readonly port: number, readonly host?: string) {} },
        DebugAdapterInlineImplementation: class { constructor(readonly implementation: unknown) {} },
        StatusBarAlignment: { Left: 1, Right: 2 },
        ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
        ProgressLocation: { Notification: 15 },
        Position: class { constructor(readonly line: number, readonly character: number) {} },
        Range: class {
            readonly start: { line: number; character: number };
            constructor(...args: unknown[]) {
                this.start = typeof args[0] === 'number' ? { line: args[0], character: args[1] as number } : args[0] as { line: number; character: number };
            }
        },
        ThemeColor: class { constructor(readonly id: string) {} },
        Uri: { file: (fsPath: string) => ({ scheme: 'file', fsPath }) },
        debug: {
            registerDebugAdapterTrackerFactory: (type: string, factory: unknown) => this.register(this.trackerFactories, type, factory),
            onDidChangeActiveDebugSession: (listener: () => void) => this.listen(this.sessionListeners.active, listener),
            onDidTerminateDebugSession: (listener: (session: { id: string }) => void) => this.listen(this.sessionListeners.terminated, listener),
            registerDebugConfigurationProvider: (type: string, provider: unknown) => this.register(this.providers, type, provider),
            registerDebugAdapterDescriptorFactory: (type: string, factory: unknown) => this.register(this.factories, type, factory),
            startDebugging: async (_folder: unknown, config: unknown) => {
                this.startedSessions.push(config);
                return true;
            },
        },
        commands: {
            registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => this.register(this.commands, id, handler),
            executeCommand: async () => undefined,
        },
        window: {
            createStatusBarItem: (id: string) => {
                const item = new FakeStatusItem(id);
                this.statusItems.push(item);
                return item;
            },
            showErrorMessage: async (message: string, ...items: string[]) => {
                this.errors.push({ message, items });
                return undefined;
            },
            showInformationMessage: async (message: string, ...items: string[]) => {
                this.infos.push(message);
                return this.answerInfo(message, items);
            },
            showWarningMessage: async (message: string) => {
                this.warnings.push(message);
                return undefined;
            },
            createQuickPick: () => new FakeQuickPick(pick => this.onQuickPick(pick)),
            withProgress: async <R>(options: { title?: string }, task: (progress: { report(value: { message?: string }): void },
                token: FakeProgress['token']) => Promise<R>) => {
                const progress = new FakeProgress(options);
                this.progresses.push(progress);
                return task({ report: value => progress.reports.push(value) }, progress.token);
            },
            createWebviewPanel: (viewType: string, title: string, _column: number, options: { enableScripts?: boolean }) => {
                const panel = new FakeWebviewPanel(viewType, title, options);
                this.panels.push(panel);
                return panel;
            },
            createTextEditorDecorationType: (options: Record<string, unknown>) => {
                const type = { options, dispose: () => undefined };
                this.decorationTypes.push(type);
                return type;
            },
            onDidChangeVisibleTextEditors: this.visibleEditorsChanged.event,
            showTextDocument: async (uri: { fsPath: string }, options: FakeVscode['shownDocuments'][number]['options']) => {
                this.shownDocuments.push({ path: uri.fsPath, options });
            },
            showQuickPick: async (items: { label: string }[]) => {
                this.shownPickItems = items;
                return this.pick(items);
            },
        },
        workspace: {
            workspaceFolders: undefined,
            getConfiguration: (section: string) => ({ get: (key: string) => this.settings[`${section}.${key}`] }),
        },
    };

    constructor() {
        Object.defineProperty(this.module.debug, 'activeDebugSession', { get: () => this.activeDebugSession });
        Object.defineProperty(this.module.window, 'visibleTextEditors', { get: () => this.visibleTextEditors });
    }

    /** What VS Code does when an editor of the file opens (it joins the visible ones). */
    openEditor(fsPath: string, lineCount: number): FakeTextEditor {
        const editor = new FakeTextEditor(fsPath, lineCount);
        this.visibleTextEditors = [...this.visibleTextEditors, editor];
        this.visibleEditorsChanged.fire(this.visibleTextEditors);
        return editor;
    }

    /** What VS Code does when a debug session ends. */
    terminateSession(session: { id: string }): void {
        this.sessionListeners.terminated.forEach(listener => listener(session));
    }

    private listen<T>(listeners: T[], listener: T): { dispose(): void } {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    }

    private register<T>(registry: Map<string, T>, key: string, value: T): { dispose(): void } {
        registry.set(key, value);
        return { dispose: () => registry.delete(key) };
    }
}

/** Makes `require('vscode')` return the fake until the returned function is called. */
export function withFakeVscode(fake: FakeVscode): () => void {
    const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const originalLoad = moduleInternals._load;
    moduleInternals._load = function (request: string, ...rest: unknown[]) {
        return request === 'vscode' ? fake.module : originalLoad.call(this, request, ...rest);
    };
    return () => {
        moduleInternals._load = originalLoad;
    };
}

/**
 * Drops the extension's modules from Node's cache: they take `vscode` when first loaded, so a
 * test file with a fake of its own loads them anew, and leaves none bound to its fake behind.
 */
export function forgetExtensionModules(): void {
    const compiledSources = `${path.sep}out${path.sep}src${path.sep}`;
    Object.keys(require.cache).filter(file => file.includes(compiledSources)).forEach(file => delete require.cache[file]);
}
