import * as vscode from 'vscode';
import { DEBUG_TYPE } from './core/configuration';
import { PyprobeAdapterFactory } from './vscode/adapterFactory';
import { attachToPickedProcess } from './vscode/attachCommand';
import { ATTACH_COMMAND, CLEAR_PROFILE_COMMAND, PICK_PROCESS_COMMAND, PROFILE_COMMAND } from './vscode/commandIds';
import { PyprobeConfigurationProvider } from './vscode/configurationProvider';
import { ObservationStatus } from './vscode/observationStatus';
import { pickPythonProcess } from './vscode/processPicker';
import { ProfileCommand } from './vscode/profileCommand';
import { ProfileDecorations } from './vscode/profileDecorations';

export function activate(context: vscode.ExtensionContext): void {
    const observationStatus = new ObservationStatus();
    const decorations = new ProfileDecorations();
    const profile = new ProfileCommand(() => observationStatus.attachedSession(), decorations);
    context.subscriptions.push(
        observationStatus,
        decorations,
        vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, observationStatus),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new PyprobeConfigurationProvider()),
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new PyprobeAdapterFactory(context.extensionPath)),
        vscode.commands.registerCommand(PICK_PROCESS_COMMAND, pickPythonProcess),
        vscode.commands.registerCommand(ATTACH_COMMAND, attachToPickedProcess),
        vscode.commands.registerCommand(PROFILE_COMMAND, () => profile.run()),
        vscode.commands.registerCommand(CLEAR_PROFILE_COMMAND, () => decorations.clear()),
    );
}
