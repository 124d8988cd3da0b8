import { randomBytes } from 'crypto';

/**
 * The server's flame graph page made fit for a webview: a Content-Security-Policy that lets only
 * the page's own inline script and style run (both carry a nonce), and loads nothing else. The
 * page's data sits in a `<script type="application/json">`, which is never run, and the server
 * escapes `<` in it, so no tag can come from the profile itself.
 */
export function withContentSecurityPolicy(html: string, nonce = randomBytes(16).toString('base64')): string {
    const policy = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}';`;
    const tagged = html.replace(/<(script|style)(?=[\s>])/g, `<$1 nonce="${nonce}"`);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
    if (!/<head>/i.test(tagged)) {
        throw new Error('the flame graph page from the server has no <head>');
    }
    return tagged.replace(/<head>/i, `<head>\n${meta}`);
}
