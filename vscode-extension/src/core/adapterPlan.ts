import { AttachConfiguration, PathMapping } from './configuration';
import { TransportSpec } from './transports';

/** How the bundled server is started for a local session. */
export interface ServerCommand {
    readonly command: string;
    readonly args: readonly string[];
}

/**
 * How VS Code should reach the debug adapter. Its own executable and server descriptors are used
 * when they suffice; TLS and path mappings need an inline adapter that owns the connection.
 */
export type AdapterPlan =
    | { readonly kind: 'executable'; readonly command: string; readonly args: readonly string[] }
    | { readonly kind: 'server'; readonly host: string; readonly port: number }
    | { readonly kind: 'inline'; readonly transport: TransportSpec; readonly pathMappings: readonly PathMapping[] };

export function serverCommand(javaExecutable: string, jarPath: string): ServerCommand {
    return { command: javaExecutable, args: ['-jar', jarPath, 'dap'] };
}

/** @param localServer how to start the server; required for a local target only. */
export function planAdapter(config: AttachConfiguration, localServer?: ServerCommand): AdapterPlan {
    const target = config.target;
    let transport: TransportSpec;
    if (target.kind === 'local') {
        if (localServer === undefined) {
            throw new Error('a local attach needs the command that starts the pyprobe server');
        }
        transport = { kind: 'stdio', command: localServer.command, args: localServer.args };
    } else if (target.tls) {
        transport = { kind: 'tls', host: target.host, port: target.port, caFile: target.tlsCaFile, fingerprint: target.tlsFingerprint };
    } else {
        transport = { kind: 'tcp', host: target.host, port: target.port };
    }
    if (transport.kind === 'tls' || config.pathMappings.length > 0) {
        return { kind: 'inline', transport, pathMappings: config.pathMappings };
    }
    return transport.kind === 'stdio'
        ? { kind: 'executable', command: transport.command, args: transport.args }
        : { kind: 'server', host: transport.host, port: transport.port };
}
