// Writes the privacy statement into the extension as a page of its own, from PRIVACY.md (the one
// source, which the website's privacy page also carries), so that the popup and the options page
// can show it without any network: node tools/privacy.mjs <out.html>
import { readFileSync, writeFileSync } from 'node:fs';
import { marked } from 'marked';

const out = process.argv[2];
if (!out) throw new Error('usage: node tools/privacy.mjs <out.html>');
const source = readFileSync(new URL('../PRIVACY.md', import.meta.url), 'utf8');
const body = marked.parse(source, { async: false, gfm: true });
const title = (source.match(/^# (.+)$/m) || [, 'Privacy statement'])[1];
writeFileSync(out, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[<&]/g, '')}</title>
<link rel="stylesheet" href="popup.css">
<link rel="stylesheet" href="options.css">
</head>
<body>
<main id="privacy" class="prose">
${body}</main>
</body>
</html>
`);
