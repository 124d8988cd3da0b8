import Module = require('module');

/**
 * The few parts of the `vscode` API the extension's thin layer uses, recording what it is asked
 * to do. The `vscode` module exists only inside VS Code (and @vscode/test-electron cannot fetch
 * one here), so this is how that layer's wiring is exercised in plain Node.
 */
export class FakeStatusItem {
    name = '';
    text = '';
    tooltip = '';
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
            showInformationMessage: async (message: string) => {
                this.infos.push(message);
                return undefined;
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
