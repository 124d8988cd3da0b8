import * as vscode from 'vscode';
import { JavaSearch } from '../core/javaRuntime';
import { PROFILE_SETTINGS_SECTION, ProfileSettings } from '../core/profile';

export const JAVA_PATH_SETTING = 'pyprobe.javaPath';

export function javaSearch(): JavaSearch {
    return {
        javaPathSetting: vscode.workspace.getConfiguration('pyprobe').get<string>('javaPath'),
        env: process.env,
    };
}

/** Shows a Java problem with a button that opens the setting that fixes it. */
export function reportJavaProblem(message: string): Promise<void> {
    return reportSettingProblem(message, 'Open pyprobe.javaPath Setting', JAVA_PATH_SETTING);
}

/** Shows a wrong `pyprobe.profile.*` setting with a button that opens those settings. */
export function reportProfileSettingProblem(message: string): Promise<void> {
    return reportSettingProblem(message, 'Open Profile Settings', PROFILE_SETTINGS_SECTION);
}

/** Shows an error with a button that opens the settings (a setting, or a section) that fix it. */
async function reportSettingProblem(message: string, button: string, setting: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, button);
    if (choice === button) {
        await vscode.commands.executeCommand('workbench.action.openSettings', setting);
    }
}

/** The `pyprobe.profile.*` settings, read anew for each recording so a change applies to the next one. */
export function profileSettings(): ProfileSettings {
    const settings = vscode.workspace.getConfiguration(PROFILE_SETTINGS_SECTION);
    return { rate: settings.get('rate'), mode: settings.get('mode'), idle: settings.get('idle'), threads: settings.get('threads') };
}
