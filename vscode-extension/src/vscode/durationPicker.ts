import * as vscode from 'vscode';
import { durationChoices } from '../core/profile';

interface DurationItem extends vscode.QuickPickItem {
    readonly seconds: number;
}

/**
 * Asks how long to record: 5, 10, 30 or 60 s, or any number of seconds typed into the box (it
 * shows as the first choice while it is typed). Resolves to seconds, or undefined if cancelled.
 */
export function pickDuration(): Promise<number | undefined> {
    const pick = vscode.window.createQuickPick<DurationItem>();
    pick.title = 'pyprobe: Profile Process';
    pick.placeholder = 'How long to record: choose, or type a number of seconds';
    const offer = () => {
        pick.items = durationChoices(pick.value).map(seconds => ({ seconds, label: `${seconds} s` }));
    };
    offer();
    return new Promise(resolve => {
        pick.onDidChangeValue(offer);
        pick.onDidAccept(() => {
            resolve(pick.activeItems[0]?.seconds);
            pick.hide();
        });
        pick.onDidHide(() => {
            resolve(undefined);
            pick.dispose();
        });
        pick.show();
    });
}
