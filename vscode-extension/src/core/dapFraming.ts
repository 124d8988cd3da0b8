import { DapMessage } from './sourceRewriter';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const MAX_HEADER_BYTES = 8 * 1024;
/** Far above any real message (a large stack or variables page is a few MiB); stops garbage early. */
export const MAX_CONTENT_BYTES = 64 * 1024 * 1024;

export class FramingError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FramingError';
    }
}

export function encodeMessage(message: DapMessage): Buffer {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Splits a byte stream into DAP messages ("Content-Length" header, blank line, JSON body). */
export class MessageDecoder {
    private buffered: Buffer = Buffer.alloc(0);
    private contentLength: number | undefined;

    /** Returns the messages completed by this chunk; throws FramingError on malformed input. */
    push(chunk: Buffer): DapMessage[] {
        this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
        const messages: DapMessage[] = [];
        for (;;) {
            if (this.contentLength === undefined) {
                const headerEnd = this.buffered.indexOf(HEADER_END);
                if (headerEnd < 0) {
                    if (this.buffered.length > MAX_HEADER_BYTES) {
                        throw new FramingError(`no end of DAP header within ${MAX_HEADER_BYTES} bytes`);
                    }
                    return messages;
                }
                this.contentLength = parseContentLength(this.buffered.subarray(0, headerEnd).toString('ascii'));
                this.buffered = this.buffered.subarray(headerEnd + HEADER_END.length);
            }
            if (this.buffered.length < this.contentLength) {
                return messages;
            }
            const body = this.buffered.subarray(0, this.contentLength);
            this.buffered = this.buffered.subarray(this.contentLength);
            this.contentLength = undefined;
            messages.push(parseBody(body));
        }
    }
}

function parseContentLength(header: string): number {
    for (const line of header.split('\r\n')) {
        const match = /^Content-Length:\s*(\d+)\s*$/i.exec(line);
        if (match) {
            const length = Number.parseInt(match[1], 10);
            if (length > MAX_CONTENT_BYTES) {
                throw new FramingError(`DAP message of ${length} bytes exceeds the limit of ${MAX_CONTENT_BYTES}`);
            }
            return length;
        }
    }
    throw new FramingError(`DAP header without Content-Length: ${JSON.stringify(header.slice(0, 80))}`);
}

function parseBody(body: Buffer): DapMessage {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
        throw new FramingError(`DAP message is not JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new FramingError('DAP message is not a JSON object');
    }
    return parsed as DapMessage;
}
