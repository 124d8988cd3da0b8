export interface Disposable {
    dispose(): unknown;
}

/** The shape of vscode.Event, so core classes can be handed to VS Code without importing it. */
export type Event<T> = (listener: (value: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class EventEmitter<T> {
    private readonly listeners = new Set<(value: T) => unknown>();

    readonly event: Event<T> = (listener, thisArgs, disposables) => {
        const bound = (value: T) => listener.call(thisArgs, value);
        this.listeners.add(bound);
        const subscription = { dispose: () => this.listeners.delete(bound) };
        disposables?.push(subscription);
        return subscription;
    };

    fire(value: T): void {
        for (const listener of [...this.listeners]) {
            listener(value);
        }
    }

    dispose(): void {
        this.listeners.clear();
    }
}
