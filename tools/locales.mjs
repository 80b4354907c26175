// Trims the built extension's _locales to the messages the browser itself reads: those named in
// the manifest (__MSG_key__) and by the pages' scripts (i18n.getMessage('key')). Every other
// message is embedded in the WebAssembly (src/core/ui.rs), packed with the letters.
// Usage: node tools/locales.mjs <built extension folder>
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const used = new Set();
const scan = (text, re) => { for (const m of text.matchAll(re)) used.add(m[1]); };
scan(readFileSync(join(dir, 'manifest.json'), 'utf8'), /__MSG_(\w+)__/g);
for (const f of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  scan(readFileSync(join(dir, f), 'utf8'), /getMessage\(["'](\w+)["']\)/g); // as minified: "key"
}
for (const locale of readdirSync(join(dir, '_locales')).sort()) {
  const file = join(dir, '_locales', locale, 'messages.json');
  const all = JSON.parse(readFileSync(file, 'utf8'));
  const kept = {};
  for (const key of [...used].sort()) {
    if (all[key]) kept[key] = { message: all[key].message };
  }
  writeFileSync(file, JSON.stringify(kept) + '\n');
}
