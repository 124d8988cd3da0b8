import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { planAdapter, serverCommand, ServerCommand } from '../core/adapterPlan';
import { resolveAttachConfiguration } from '../core/configuration';
import { findJava } from '../core/javaRuntime';
import { PathMapper } from '../core/pathMapping';
import { SourceRewriter } from '../core/sourceRewriter';
import { StreamDebugAdapter } from '../core/streamDebugAdapter';
import { openTransport } from '../core/transports';
import { javaSearch } from './settings';

/** The server jar that `vsce package` copies into the extension. */
const BUNDLED_JAR = path.join('server', 'pyprobe.jar');

/** Starts the bundled server for local attaches and connects to a running one for remote attaches. */
export class PyprobeAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    constructor(private readonly extensionPath: string) {}

    async createDebugAdapterDescriptor(session: vscode.DebugSession): Promise<vscode.DebugAdapterDescriptor> {
        const config = resolveAttachConfiguration(session.configuration);
        const plan = planAdapter(config, config.target.kind === 'local' ? await this.localServer() : undefined);
        switch (plan.kind) {
            case 'executable':
                return new vscode.DebugAdapterExecutable(plan.command, [...plan.args]);
            case 'server':
                return new vscode.DebugAdapterServer(plan.port, plan.host);
            case 'inline': {
                const transport = await openTransport(plan.transport);
                const rewriter = new SourceRewriter(new PathMapper(plan.pathMappings));
                return new vscode.DebugAdapterInlineImplementation(new StreamDebugAdapter(transport, rewriter));
            }
        }
    }

    private async localServer(): Promise<ServerCommand> {
        const jar = path.join(this.extensionPath, BUNDLED_JAR);
        if (!fs.existsSync(jar)) {
            throw new Error(`The pyprobe server is missing from the extension (${jar}). `
                + 'Reinstall the extension, or in a development checkout build it with `mvn -o -q -B -DskipTests package` '
                + 'and run `npm run copy-server` in vscode-extension.');
        }
        const java = await findJava(javaSearch());
        return serverCommand(java.executable, jar);
    }
}
