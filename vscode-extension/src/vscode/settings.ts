import * as vscode from 'vscode';
import { JavaSearch } from '../core/javaRuntime';

export const JAVA_PATH_SETTING = 'pyprobe.javaPath';

export function javaSearch(): JavaSearch {
    return {
        javaPathSetting: vscode.workspace.getConfiguration('pyprobe').get<string>('javaPath'),
        env: process.env,
    };
}

/** Shows a Java problem with a button that opens the setting that fixes it. */
export async function reportJavaProblem(message: string): Promise<void> {
    const openSettings = 'Open pyprobe.javaPath Setting';
    const choice = await vscode.window.showErrorMessage(message, openSettings);
    if (choice === openSettings) {
        await vscode.commands.executeCommand('workbench.action.openSettings', JAVA_PATH_SETTING);
    }
}
