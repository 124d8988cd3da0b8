import * as vscode from 'vscode';
import { AttachConfiguration, resolveAttachConfiguration } from '../core/configuration';
import { Observation, observationLabel } from '../core/observation';
import { DapMessage } from '../core/sourceRewriter';
import { PROFILE_COMMAND } from './commandIds';

interface Observed {
    readonly session: vscode.DebugSession;
    readonly config: AttachConfiguration;
    readonly observation: Observation;
}

/**
 * A status bar item while a pyprobe session is attached, so it stays in sight that a live process
 * is being observed and how its tracepoints are served. It follows the active debug session, or
 * the pyprobe session started last while a session of another type is active. The sessions'
 * messages are followed with a tracker, which works whatever carries them (executable, server or
 * inline adapter).
 */
export class ObservationStatus implements vscode.DebugAdapterTrackerFactory, vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('pyprobe.observation', vscode.StatusBarAlignment.Left, 50);
    private readonly sessions = new Map<string, Observed>();
    private readonly subscriptions: vscode.Disposable[];

    constructor() {
        this.item.name = 'pyprobe';
        // The item is where a person looks while attached: its click records a profile.
        this.item.command = PROFILE_COMMAND;
        this.subscriptions = [
            vscode.debug.onDidChangeActiveDebugSession(() => this.refresh()),
            vscode.debug.onDidTerminateDebugSession(session => {
                this.sessions.delete(session.id);
                this.refresh();
            }),
        ];
    }

    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
        const config = resolveAttachConfiguration(session.configuration);
        const tracingMechanism = session.configuration.tracingMechanism as string | undefined;
        const observed: Observed = { session, config, observation: new Observation(tracingMechanism) };
        this.sessions.delete(session.id);
        this.sessions.set(session.id, observed);
        return {
            onWillReceiveMessage: (message: DapMessage) => observed.observation.toAdapter(message),
            onDidSendMessage: (message: DapMessage) => {
                observed.observation.fromAdapter(message);
                this.refresh();
            },
        };
    }

    dispose(): void {
        this.subscriptions.forEach(subscription => subscription.dispose());
        this.item.dispose();
    }

    /** The session the status bar shows: the active one if it is an attached pyprobe session, else the last attached. */
    attachedSession(): vscode.DebugSession | undefined {
        return this.shownSession()?.session;
    }

    private refresh(): void {
        const shown = this.shownSession();
        if (shown === undefined) {
            this.item.hide();
            return;
        }
        const label = observationLabel(shown.config, shown.observation);
        this.item.text = label.text;
        this.item.tooltip = `${label.tooltip}\n\nClick to record a profile of the process.`;
        this.item.show();
    }

    private shownSession(): Observed | undefined {
        const active = vscode.debug.activeDebugSession;
        const activeObserved = active === undefined ? undefined : this.sessions.get(active.id);
        if (activeObserved?.observation.isAttached) {
            return activeObserved;
        }
        return [...this.sessions.values()].reverse().find(observed => observed.observation.isAttached);
    }
}
