import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { encodeMessage, MessageDecoder } from '../../src/core/dapFraming';
import { openTransport, TransportError } from '../../src/core/transports';
import { tempFolder } from '../support/tempFolders';

/** A self-signed certificate for 127.0.0.1, made with openssl for this run. */
function selfSignedCertificate(): { key: string; cert: string } {
    const folder = tempFolder('tls');
    const key = path.join(folder, 'key.pem');
    const cert = path.join(folder, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
        '-subj', '/CN=pyprobe-test', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key, cert };
}

const connections = new Set<net.Socket>();

async function listen(server: net.Server): Promise<number> {
    server.on(server instanceof tls.Server ? 'secureConnection' : 'connection', (socket: net.Socket) => {
        connections.add(socket);
        socket.once('close', () => connections.delete(socket));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
}

function close(server: net.Server): Promise<unknown> {
    return new Promise(resolve => server.close(resolve));
}

async function failsWith(promise: Promise<unknown>, message: RegExp): Promise<void> {
    await assert.rejects(promise, (error: unknown) => error instanceof TransportError && message.test(error.message));
}

describe('transports', function () {
    this.timeout(15_000);
    let certificate: { key: string; cert: string };
    const servers: net.Server[] = [];

    before(() => {
        certificate = selfSignedCertificate();
    });

    afterEach(async () => {
        connections.forEach(socket => socket.destroy());
        await Promise.all(servers.splice(0).map(close));
    });

    async function tlsEchoServer(): Promise<number> {
        const server = tls.createServer({ key: fs.readFileSync(certificate.key), cert: fs.readFileSync(certificate.cert) }, socket => {
            const decoder = new MessageDecoder();
            socket.on('data', chunk => decoder.push(chunk).forEach(message => socket.write(encodeMessage({ echo: message }))));
            socket.on('error', () => socket.destroy());
        });
        servers.push(server);
        return listen(server);
    }

    it('speaks DAP over TLS to a server whose certificate is trusted through tlsCaFile', async () => {
        const port = await tlsEchoServer();
        const transport = await openTransport({ kind: 'tls', host: '127.0.0.1', port, caFile: certificate.cert });
        const reply = new Promise<unknown>(resolve => {
            const decoder = new MessageDecoder();
            transport.stream.on('data', chunk => decoder.push(chunk).forEach(resolve));
        });
        transport.stream.write(encodeMessage({ seq: 1, type: 'request', command: 'initialize' }));
        assert.deepStrictEqual(await reply, { echo: { seq: 1, type: 'request', command: 'initialize' } });
        assert.ok((transport.stream as tls.TLSSocket).encrypted);
        transport.stream.destroy();
    });

    it('refuses an untrusted certificate and says how to trust it', async () => {
        const port = await tlsEchoServer();
        await failsWith(openTransport({ kind: 'tls', host: '127.0.0.1', port }),
            /cannot connect to the pyprobe server at 127.0.0.1:\d+ \(TLS\): .*self-signed.*set "tlsFingerprint" .* or "tlsCaFile"/i);
    });

    it('trusts exactly the certificate whose fingerprint is pinned', async () => {
        const port = await tlsEchoServer();
        const fingerprint = new X509Certificate(fs.readFileSync(certificate.cert)).fingerprint256.replace(/:/g, '');
        const transport = await openTransport({ kind: 'tls', host: '127.0.0.1', port, fingerprint });
        assert.ok((transport.stream as tls.TLSSocket).encrypted);
        transport.stream.destroy();
        const other = fingerprint.replace(/^./, fingerprint.startsWith('0') ? '1' : '0');
        await failsWith(openTransport({ kind: 'tls', host: '127.0.0.1', port, fingerprint: other }),
            new RegExp(`certificate has SHA-256 fingerprint ${fingerprint}, not the "tlsFingerprint" of the configuration`));
    });

    it('says when the server does not speak TLS', async () => {
        const plain = net.createServer(socket => socket.once('data', () => socket.destroy()));
        servers.push(plain);
        const port = await listen(plain);
        await failsWith(openTransport({ kind: 'tls', host: '127.0.0.1', port, caFile: certificate.cert }),
            /does not seem to speak TLS: start it with --tls or remove "tls"/);
    });

    it('says when nothing listens', async () => {
        const unused = net.createServer();
        const port = await listen(unused);
        await close(unused);
        await failsWith(openTransport({ kind: 'tcp', host: '127.0.0.1', port }),
            new RegExp(`cannot connect to the pyprobe server at 127.0.0.1:${port}: connect ECONNREFUSED`));
    });

    it('gives up on a server that never completes the handshake', async () => {
        const silent = net.createServer(() => undefined);
        servers.push(silent);
        const port = await listen(silent);
        await failsWith(openTransport({ kind: 'tls', host: '127.0.0.1', port }, 300),
            /no answer from the pyprobe server at 127.0.0.1:\d+ \(TLS\) within 300 ms/);
    });

    it('says when the server command cannot be started', async () => {
        await failsWith(openTransport({ kind: 'stdio', command: '/nonexistent/java', args: ['-jar', 'x.jar', 'dap'] }),
            /cannot start the pyprobe server \(\/nonexistent\/java\): spawn \/nonexistent\/java ENOENT/);
    });
});
