import * as assert from 'assert';
import { encodeMessage, FramingError, MAX_CONTENT_BYTES, MessageDecoder } from '../../src/core/dapFraming';

function framingFails(input: string, message: RegExp): void {
    assert.throws(() => new MessageDecoder().push(Buffer.from(input, 'utf8')),
        (error: unknown) => error instanceof FramingError && message.test(error.message));
}

describe('DAP framing', () => {
    const first = { seq: 1, type: 'request', command: 'initialize', arguments: { adapterID: 'pyprobe', note: 'ünïcode ✓' } };
    const second = { seq: 2, type: 'event', event: 'initialized' };

    it('decodes what it encodes, whatever the chunk boundaries', () => {
        const bytes = Buffer.concat([encodeMessage(first), encodeMessage(second)]);
        for (const chunkSize of [1, 3, 17, bytes.length]) {
            const decoder = new MessageDecoder();
            const decoded = [];
            for (let offset = 0; offset < bytes.length; offset += chunkSize) {
                decoded.push(...decoder.push(bytes.subarray(offset, offset + chunkSize)));
            }
            assert.deepStrictEqual(decoded, [first, second], `chunks of ${chunkSize} bytes`);
        }
    });

    it('counts Content-Length in bytes, not characters', () => {
        const header = encodeMessage(first).toString('utf8').split('\r\n')[0];
        assert.strictEqual(header, `Content-Length: ${Buffer.byteLength(JSON.stringify(first), 'utf8')}`);
    });

    it('accepts extra headers in any case', () => {
        const body = JSON.stringify(second);
        const decoded = new MessageDecoder().push(Buffer.from(`Content-Type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`));
        assert.deepStrictEqual(decoded, [second]);
    });

    it('rejects a header without Content-Length', () => framingFails('Content-Type: x\r\n\r\n{}', /without Content-Length/));
    it('rejects a length above the limit before reading the body', () =>
        framingFails(`Content-Length: ${MAX_CONTENT_BYTES + 1}\r\n\r\n`, /exceeds the limit/));
    it('rejects a header that never ends', () => framingFails('x'.repeat(9000), /no end of DAP header/));
    it('rejects a body that is not JSON', () => framingFails('Content-Length: 5\r\n\r\nhello', /not JSON/));
    it('rejects JSON that is not an object', () => framingFails('Content-Length: 2\r\n\r\n[]', /not a JSON object/));
});
