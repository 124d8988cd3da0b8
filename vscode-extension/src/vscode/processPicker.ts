import * as vscode from 'vscode';
import { listPythonProcesses, PythonProcess } from '../core/pythonProcesses';

interface ProcessItem extends vscode.QuickPickItem {
    readonly pid: number;
}

/** Lets the user choose a running Python process; resolves to its PID as a string, or undefined if cancelled. */
export async function pickPythonProcess(): Promise<string | undefined> {
    const processes = listPythonProcesses();
    if (processes.length === 0) {
        void vscode.window.showInformationMessage(
            'pyprobe found no running Python process on this machine (it lists the processes it may read in /proc).');
        return undefined;
    }
    const chosen = await vscode.window.showQuickPick(processes.map(toItem), {
        title: 'pyprobe: Attach to Python Process',
        placeHolder: 'Choose a Python process (type to filter by PID, version or command line)',
        matchOnDescription: true,
        matchOnDetail: true,
    });
    return chosen === undefined ? undefined : String(chosen.pid);
}

function toItem(process: PythonProcess): ProcessItem {
    return {
        pid: process.pid,
        label: `${process.pid}`,
        description: `Python ${process.version ?? '(version unknown)'} · ${process.executable}`,
        detail: process.commandLine,
    };
}
