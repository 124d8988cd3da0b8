/**
 * Polls until `probe` returns a value that `accept` takes, as a person looks again until the
 * screen shows it; fails with the last value seen, which is what the screen showed at the end.
 */
export async function eventually<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean,
    timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T | undefined;
    let lastError: unknown;
    for (;;) {
        try {
            last = await probe();
            lastError = undefined;
            if (accept(last)) {
                return last;
            }
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > deadline) {
            const seen = lastError !== undefined ? `failed with ${(lastError as Error).message}` : `last showed ${JSON.stringify(last)}`;
            throw new Error(`${what}: not seen within ${timeoutMs} ms; ${seen}`);
        }
        await sleep(250);
    }
}

export function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}
