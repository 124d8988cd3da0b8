import * as vscode from 'vscode';
import { completeConfiguration, ConfigurationError, resolveAttachConfiguration } from '../core/configuration';
import { findJava, JavaNotFoundError } from '../core/javaRuntime';
import { javaSearch, reportJavaProblem } from './settings';

/**
 * Completes and validates pyprobe configurations. Problems are shown here, with the attribute
 * at fault, before any adapter is started; returning undefined then cancels the session.
 */
export class PyprobeConfigurationProvider implements vscode.DebugConfigurationProvider {
    resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration): vscode.DebugConfiguration {
        return completeConfiguration(config) as vscode.DebugConfiguration;
    }

    async resolveDebugConfigurationWithSubstitutedVariables(_folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
        try {
            const resolved = resolveAttachConfiguration(config);
            if (resolved.target.kind === 'local') {
                // Found now so a missing Java is reported with its fix instead of as a failed session.
                await findJava(javaSearch());
            }
            // The server wants a number; the process picker returns the PID as a string.
            return { ...config, processId: resolved.processId };
        } catch (error) {
            if (error instanceof JavaNotFoundError) {
                void reportJavaProblem(error.message);
                return undefined;
            }
            if (error instanceof ConfigurationError) {
                void vscode.window.showErrorMessage(`pyprobe configuration "${config.name}": ${error.message}`);
                return undefined;
            }
            throw error;
        }
    }
}
