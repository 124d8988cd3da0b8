import * as vscode from 'vscode';
import { DEBUG_TYPE, resolveAttachConfiguration } from '../core/configuration';
import { lineFigures } from '../core/lineFigures';
import { ProfileOptions, profileOptions, ProfileResult, profileSummary, sampleBase } from '../core/profile';
import { ProfilePaths } from '../core/profilePaths';
import { attachToPickedProcess } from './attachCommand';
import { pickDuration } from './durationPicker';
import { showFlameGraph } from './flameGraphPanel';
import { ProfileDecorations } from './profileDecorations';
import { recordProfile } from './profileRecording';
import { profileSettings, reportProfileSettingProblem } from './settings';

/**
 * "pyprobe: Profile Process...": records the attached process (locally or through `pyprobe
 * serve`: the server does the sampling either way), then shows the flame graph and marks the
 * profiled lines in the editor. Without an attached session it offers to attach first. How to
 * sample comes from the `pyprobe.profile.*` settings; only the duration is asked.
 */
export class ProfileCommand {
    constructor(private readonly attachedSession: () => vscode.DebugSession | undefined,
        private readonly decorations: ProfileDecorations) {}

    /** Resolves to true when a profile was shown. */
    async run(): Promise<boolean> {
        // A wrong setting is said before anything is asked, so no attach or duration pick is wasted.
        const options = readOptions();
        if (options === undefined) {
            return false;
        }
        const session = this.attachedSession() ?? await offerAttach();
        if (session === undefined) {
            return false;
        }
        const seconds = await pickDuration();
        if (seconds === undefined) {
            return false;
        }
        const config = resolveAttachConfiguration(session.configuration);
        const where = config.target.kind === 'remote' ? ` on ${config.target.host}:${config.target.port}` : '';
        const what = `PID ${config.processId}${where}`;
        let result: ProfileResult | undefined;
        try {
            result = await recordProfile(session, { durationSeconds: seconds, ...options }, what);
        } catch (error) {
            void vscode.window.showErrorMessage(`pyprobe: could not profile ${what}: ${(error as Error).message}`);
            return false;
        }
        if (result === undefined) {
            return false;
        }
        const paths = new ProfilePaths(config.pathMappings);
        showFlameGraph(result.html, `Profile of ${what}`, paths);
        const files = lineFigures(result.lines, sampleBase(result), targetPath => paths.toLocal(targetPath));
        this.decorations.show(files.byFile);
        const missing = files.missing.length === 0 ? ''
            : ` ${files.missing.length} profiled file(s) are not on this machine, so their lines are not marked `
                + `(add "pathMappings" for a remote process): ${files.missing.slice(0, 3).join(', ')}`
                + `${files.missing.length > 3 ? ', ...' : ''}.`;
        void vscode.window.showInformationMessage(`pyprobe: profiled ${what}: ${profileSummary(result)}.${missing}`);
        return true;
    }
}

/** The sampling options of the settings, or undefined once a wrong setting has been reported. */
function readOptions(): ProfileOptions | undefined {
    try {
        return profileOptions(profileSettings());
    } catch (error) {
        void reportProfileSettingProblem(`pyprobe: ${(error as Error).message}`);
        return undefined;
    }
}

/** Offers the process picker; the session it starts is the active one once attached. */
async function offerAttach(): Promise<vscode.DebugSession | undefined> {
    const attach = 'Attach to Python Process...';
    const choice = await vscode.window.showInformationMessage(
        'pyprobe: no pyprobe session is attached. Attach to a Python process, then profile it?', attach);
    if (choice !== attach || !(await attachToPickedProcess())) {
        return undefined;
    }
    // startDebugging resolves once the attach request has been answered, and makes the new session the active one.
    const session = vscode.debug.activeDebugSession;
    return session?.type === DEBUG_TYPE ? session : undefined;
}
