import * as vscode from 'vscode';
import { PROFILE_REQUEST, ProfileArguments, ProfileResult, recordingDescription, remainingMessage } from '../core/profile';

/**
 * Sends `pyprobeProfile` to the session and waits for the answer under a notification that counts
 * down the time left. Cancelling only stops the wait (DAP cannot withdraw a request): the server
 * finishes the recording and its answer is dropped. Resolves to undefined when cancelled.
 */
export function recordProfile(session: vscode.DebugSession, args: ProfileArguments, what: string): Promise<ProfileResult | undefined> {
    const seconds = args.durationSeconds;
    return Promise.resolve(vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: `pyprobe: recording ${recordingDescription(what, args)}`,
        cancellable: true,
    }, async (progress, cancellation) => {
        const started = Date.now();
        const report = () => progress.report({ message: remainingMessage(seconds, Date.now() - started) });
        report();
        const timer = setInterval(report, 1000);
        let stopWaiting: vscode.Disposable | undefined;
        const cancelled = new Promise<undefined>(resolve => {
            stopWaiting = cancellation.onCancellationRequested(() => resolve(undefined));
        });
        try {
            const answer = Promise.resolve(session.customRequest(PROFILE_REQUEST, args) as Thenable<ProfileResult>);
            // Once cancelled nobody waits for it: a late failure (the session ended meanwhile) must not surface as unhandled.
            answer.catch(() => undefined);
            return await Promise.race([answer, cancelled]);
        } finally {
            clearInterval(timer);
            stopWaiting?.dispose();
        }
    }));
}
