import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../core/configuration';
import { pickPythonProcess } from './processPicker';

/** Lets the user choose a local Python process and attaches to it; false when nothing was started. */
export async function attachToPickedProcess(): Promise<boolean> {
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
