import * as assert from 'assert';
import { withContentSecurityPolicy } from '../../src/core/flameGraphPage';

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>profile</title>
<style>
  body { margin: 0; }
</style>
</head>
<body>
<script type="application/json" id="profile">{"title":"\\u003cscript\\u003e"}</script>
<script>
(function () { var vscode = acquireVsCodeApi(); })();
</script>
</body>
</html>`;

describe('the flame graph page in a webview', () => {
    const page = withContentSecurityPolicy(PAGE, 'N0nce');

    it('allows only its own inline script and style, and loads nothing', () => {
        const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
        assert.strictEqual(policy, "default-src 'none'; script-src 'nonce-N0nce'; style-src 'nonce-N0nce';");
        assert.ok(page.indexOf('Content-Security-Policy') < page.indexOf('<style'), 'the policy comes before what it governs');
    });

    it('gives the nonce to every script and style element, and changes nothing else', () => {
        assert.deepStrictEqual(page.match(/<(script|style)\b[^>]*>/g), [
            '<style nonce="N0nce">', '<script nonce="N0nce" type="application/json" id="profile">', '<script nonce="N0nce">',
        ]);
        assert.strictEqual(page.replace(/ nonce="N0nce"/g, '').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, ''), PAGE);
    });

    it('draws a new nonce for each page', () => {
        const nonces = [PAGE, PAGE].map(html => /'nonce-([^']+)'/.exec(withContentSecurityPolicy(html))![1]);
        assert.notStrictEqual(nonces[0], nonces[1]);
        assert.ok(nonces[0].length >= 16);
    });

    it('refuses a page without a head, where the policy would have no place', () => {
        assert.throws(() => withContentSecurityPolicy('<p>no head</p>'), /no <head>/);
    });
});
