import Module = require('module');

/**
 * The few parts of the `vscode` API the extension's thin layer uses, recording what it is asked
 * to do. The `vscode` module exists only inside VS Code (and @vscode/test-electron cannot fetch
 * one here), so this is how that layer's wiring is exercised in plain Node.
 */
export class FakeVscode {
    readonly providers = new Map<string, unknown>();
    readonly factories = new Map<string, unknown>();
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
        debug: {
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
