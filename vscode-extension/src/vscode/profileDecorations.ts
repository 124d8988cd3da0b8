import * as vscode from 'vscode';
import { LineFigure, TINT_LEVELS } from '../core/lineFigures';

/**
 * The last profile's samples per line, drawn in every visible editor of a profiled file: the
 * figures after the line, and a background tint that grows with the line's own samples. Editors
 * opened later get them too; the next profile replaces them, and `clear` removes them.
 */
export class ProfileDecorations implements vscode.Disposable {
    /** One decoration type per tint: the editor takes a background colour per type only. */
    private readonly types = Array.from({ length: TINT_LEVELS + 1 }, (_, tint) => vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: tint === 0 ? undefined : `rgba(255, 110, 0, ${(0.07 * tint).toFixed(2)})`,
        after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    }));
    private files: ReadonlyMap<string, readonly LineFigure[]> = new Map();
    private readonly following = vscode.window.onDidChangeVisibleTextEditors(editors => editors.forEach(editor => this.decorate(editor)));

    /** @param files local path to the figures of its lines */
    show(files: ReadonlyMap<string, readonly LineFigure[]>): void {
        this.files = files;
        vscode.window.visibleTextEditors.forEach(editor => this.decorate(editor));
    }

    clear(): void {
        this.show(new Map());
    }

    dispose(): void {
        this.following.dispose();
        this.types.forEach(type => type.dispose());
    }

    private decorate(editor: vscode.TextEditor): void {
        const figures = editor.document.uri.scheme === 'file' ? this.files.get(editor.document.uri.fsPath) ?? [] : [];
        this.types.forEach((type, tint) => editor.setDecorations(type, figures
            .filter(figure => figure.tint === tint && figure.line <= editor.document.lineCount)
            .map(figure => ({
                range: new vscode.Range(figure.line - 1, 0, figure.line - 1, 0),
                renderOptions: { after: { contentText: figure.text } },
            }))));
    }
}
