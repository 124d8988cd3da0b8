import { DapMessage } from '../../src/core/sourceRewriter';
import { StreamDebugAdapter } from '../../src/core/streamDebugAdapter';

/** Records what an inline adapter sends to the editor and waits for particular messages. */
export class SentMessages {
    readonly all: DapMessage[] = [];

    constructor(adapter: StreamDebugAdapter) {
        adapter.onDidSendMessage(message => this.all.push(message));
    }

    async waitFor(predicate: (message: DapMessage) => boolean, timeoutMs = 5000): Promise<DapMessage> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = this.all.find(predicate);
            if (found !== undefined) {
                return found;
            }
            if (Date.now() > deadline) {
                throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.all)}`);
            }
            await new Promise(resolve => setTimeout(resolve, 20));
        }
    }
}
