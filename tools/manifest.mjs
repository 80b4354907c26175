// Generates a browser's manifest from the one source, extension/manifest.json.
// Keys prefixed __chrome__ or __firefox__ go to that browser only (the prefix removed).
// Usage: node tools/manifest.mjs <chrome|firefox> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';

const [browser, out] = process.argv.slice(2);
if (!['chrome', 'firefox'].includes(browser) || !out) {
  console.error('usage: node tools/manifest.mjs <chrome|firefox> <out.json>');
  process.exit(2);
}
const source = JSON.parse(readFileSync(new URL('../extension/manifest.json', import.meta.url), 'utf8'));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

function flavour(value) {
  if (Array.isArray(value)) return value.map(flavour);
  if (value === null || typeof value !== 'object') return value;
  const result = {};
  for (const [key, inner] of Object.entries(value)) {
    const match = /^__(chrome|firefox)__(.+)$/.exec(key);
    if (match && match[1] !== browser) continue;
    result[match ? match[2] : key] = flavour(inner);
  }
  return result;
}

const manifest = flavour(source);
if (version && /^\d+\.\d+\.\d+$/.test(version)) manifest.version = manifest.version || version;
writeFileSync(out, JSON.stringify(manifest, null, 2) + '\n');
