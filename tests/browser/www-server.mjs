// Serves the built website (dist/www) on 127.0.0.1 at a free port, for the website tests. Only
// files inside dist/www are served; directories serve their index.html.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// WWW_SITE serves another build of the site (a folder built by tools/site.mjs) instead.
export const SITE = process.env.WWW_SITE || join(ROOT, 'dist', 'www');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.png': 'image/png', '.zip': 'application/zip',
};

// Starts the server; returns its origin (`http://127.0.0.1:<port>`), the paths it was asked for,
// and close().
export async function serveSite() {
  const asked = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    asked.push(path);
    let file = resolve(SITE, '.' + path);
    if (file !== SITE && !file.startsWith(SITE + sep)) file = '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    return res.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    asked,
    close: () => new Promise((done) => server.close(done)),
  };
}

// The pieces of a letter file that reach the letter unchanged whatever the person chose: its text
// without the optional [bracketed] parts, cut at every {placeholder} (the person's details, the
// law of where they live, their own words), keeping pieces of 20 characters or more.
export function plainParagraphs(locale, id) {
  const text = readFileSync(join(ROOT, 'src', 'letters', locale, `${id}.txt`), 'utf8');
  const body = text.slice(text.indexOf('\n---\n') + 5).replace(/\r\n?/g, '\n');
  return body.replace(/\[[^\]]*\]/g, '\n\n').split(/\n{2,}|\{[^}]*\}/)
    .map((p) => p.trim()).filter((p) => p.length >= 20);
}
