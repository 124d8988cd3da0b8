import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import { DebugProtocol } from '@vscode/debugprotocol';
import { attach, javaForServer, serverJar, StreamDebugClient } from '../support/dapClients';
import { stopProcess } from '../support/processes';
import { assertRunning, startFixture, TICKING } from '../support/targets';

/**
 * Runs only when the server announces supportsFunctionBreakpoints (see runTests.ts): function
 * breakpoints are tracepoints (issue 4), which report each hit as an output event.
 */
describe('e2e: function breakpoint hits on a real Python process', function () {
    this.timeout(90_000);
    let target: ChildProcess;
    let client: StreamDebugClient;

    before(async () => {
        target = await startFixture(TICKING);
    });

    after(async () => {
        await client?.stop();
        await stopProcess(target);
    });

    it('reports each call of tick() as a numbered output event, and none once removed', async () => {
        client = new StreamDebugClient();
        await client.startServer(await javaForServer(), ['-jar', serverJar(), 'dap']);
        const capabilities = await attach(client, { processId: target.pid });
        assert.strictEqual(capabilities.supportsFunctionBreakpoints, true);

        // The server's hit line: "[pyprobe] hit <function> (<file>:<line>) thread <tid> (#<hit number>)".
        const hits: number[] = [];
        const twoHits = new Promise<void>(resolve => {
            client.on('output', (event: DebugProtocol.OutputEvent) => {
                const hit = /\bhit\b.*\btick\b.*\(#(\d+)\)/.exec(event.body.output);
                if (hit) {
                    hits.push(Number.parseInt(hit[1], 10));
                    if (hits.length === 2) {
                        resolve();
                    }
                }
            });
        });
        const response = await client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'tick' }] });
        assert.strictEqual(response.body.breakpoints.length, 1);
        assert.strictEqual(response.body.breakpoints[0].verified, true, response.body.breakpoints[0].message);

        await twoHits;
        assert.deepStrictEqual(hits.slice(0, 2), [1, 2], 'every call is a hit, numbered from 1');
        // tick() runs every 50 ms: once cleared (and events in flight delivered), no hit may follow.
        await client.setFunctionBreakpointsRequest({ breakpoints: [] });
        await new Promise(resolve => setTimeout(resolve, 500));
        const afterClearing = hits.length;
        await new Promise(resolve => setTimeout(resolve, 1000));
        assert.strictEqual(hits.length, afterClearing, 'no hits after the breakpoint was removed');
        await client.disconnectRequest({});
        assertRunning(target.pid!);
    });
});
