import * as vscode from 'vscode';
import { DEBUG_TYPE } from './core/configuration';
import { PyprobeAdapterFactory } from './vscode/adapterFactory';
import { PyprobeConfigurationProvider } from './vscode/configurationProvider';
import { ObservationStatus } from './vscode/observationStatus';
import { pickPythonProcess } from './vscode/processPicker';

export function activate(context: vscode.ExtensionContext): void {
    const observationStatus = new ObservationStatus();
    context.subscriptions.push(
        observationStatus,
        vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, observationStatus),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new PyprobeConfigurationProvider()),
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new PyprobeAdapterFactory(context.extensionPath)),
        vscode.commands.registerCommand('pyprobe.pickProcess', pickPythonProcess),
        vscode.commands.registerCommand('pyprobe.attach', attachToPickedProcess),
    );
}

async function attachToPickedProcess(): Promise<boolean> {
    const pid = await pickPythonProcess();
    if (pid === undefined) {
        return false;
    }
    return vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
        type: DEBUG_TYPE,
        request: 'attach',
        name: `pyprobe: Attach to ${pid}`,
        processId: Number.parseInt(pid, 10),
    });
}
