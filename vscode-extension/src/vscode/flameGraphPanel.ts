import * as vscode from 'vscode';
import { withContentSecurityPolicy } from '../core/flameGraphPage';
import { ProfilePaths } from '../core/profilePaths';

/** What the flame graph's script posts when a frame is clicked. */
interface OpenMessage {
    readonly command: 'open';
    readonly file: string;
    readonly line: number;
}

/** Shows the server's flame graph in a webview beside the editor; a click on a frame opens its line. */
export function showFlameGraph(html: string, title: string, paths: ProfilePaths): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('pyprobe.flameGraph', title, vscode.ViewColumn.Beside, {
        enableScripts: true,
        // The zoom and the search stay when the tab is hidden behind the file a click opened.
        retainContextWhenHidden: true,
    });
    panel.webview.html = withContentSecurityPolicy(html);
    const listening = panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isOpenMessage(message)) {
            void openFrame(message, paths, panel);
        }
    });
    panel.onDidDispose(() => listening.dispose());
    return panel;
}

async function openFrame(message: OpenMessage, paths: ProfilePaths, panel: vscode.WebviewPanel): Promise<void> {
    const local = paths.toLocal(message.file);
    if (local === undefined) {
        void vscode.window.showWarningMessage(`pyprobe: ${message.file} is not on this machine, so it cannot be opened. `
            + 'For a remote process, map its folder to yours with "pathMappings" in the launch configuration.');
        return;
    }
    const position = new vscode.Position(Math.max(message.line - 1, 0), 0);
    // The other editor group than the flame graph's, so the graph stays in sight.
    await vscode.window.showTextDocument(vscode.Uri.file(local), {
        viewColumn: panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
        selection: new vscode.Range(position, position),
    });
}

function isOpenMessage(message: unknown): message is OpenMessage {
    const candidate = message as Partial<OpenMessage> | undefined;
    return candidate?.command === 'open' && typeof candidate.file === 'string' && typeof candidate.line === 'number';
}
