// Least privilege, checked on what ships: the built manifests in dist/chrome and dist/firefox ask
// for nothing beyond storage, activeTab, scripting and Meta's hosts, let no web page or other
// extension talk to the extension, expose no file to pages, and allow WebAssembly but no code
// from anywhere else; and no shipped script evaluates strings, loads code from outside or has a
// way to send anything over the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROWSERS = ['chrome', 'firefox'];
const META_HOSTS = ['https://*.facebook.com/*', 'https://help.instagram.com/*'];
const onMetaHost = (pattern) => /^https:\/\/(\*\.facebook\.com|help\.instagram\.com)\//.test(pattern);

const manifest = (browser) => JSON.parse(readFileSync(join(root, 'dist', browser, 'manifest.json'), 'utf8'));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// The directives of a content security policy: name -> sources.
function directives(csp) {
  return Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

for (const browser of BROWSERS) {
  test(`${browser}: the manifest asks for storage, activeTab, scripting and Meta's hosts, nothing more`, () => {
    const m = manifest(browser);
    assert.equal(m.manifest_version, 3);
    assert.deepEqual([...m.permissions].sort(), ['activeTab', 'scripting', 'storage']);
    assert.deepEqual([...m.host_permissions].sort(), [...META_HOSTS].sort());
    for (const key of ['optional_permissions', 'optional_host_permissions', 'externally_connectable',
      'web_accessible_resources', 'update_url', 'sandbox', 'chrome_url_overrides', 'devtools_page',
      'oauth2', 'key', 'declarative_net_request', 'content_security_policy.sandbox']) {
      const [top, inner] = key.split('.');
      const value = inner ? m[top] && m[top][inner] : m[top];
      assert.equal(value, undefined, `no ${key}`);
    }
    for (const script of m.content_scripts) {
      assert.ok(script.matches.every(onMetaHost), `content scripts only on Meta's hosts: ${script.matches}`);
      assert.ok(!script.all_frames && !script.match_about_blank && !script.world, 'top frame, isolated world');
      assert.ok(script.js.every((f) => !/^[a-z]+:/i.test(f)), 'content scripts are files of the package');
    }
    const background = m.background;
    const scripts = background.service_worker ? [background.service_worker] : background.scripts;
    assert.ok(scripts.length > 0 && scripts.every((f) => !/^[a-z]+:|^\/\//i.test(f)), 'the background is a file of the package');
  });

  test(`${browser}: the extension pages' CSP allows WebAssembly and nothing from outside`, () => {
    const policy = manifest(browser).content_security_policy;
    assert.deepEqual(Object.keys(policy), ['extension_pages']);
    const d = directives(policy.extension_pages);
    // Enforced by the browser, not only by tests: nothing loads or connects anywhere but the
    // package itself, whatever the code tried.
    assert.deepEqual(d['default-src'], ["'none'"]);
    assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(d['connect-src'], ["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      assert.deepEqual(d[name], ["'none'"], name);
    }
    for (const [name, sources] of Object.entries(d)) {
      for (const source of sources) {
        assert.ok(["'self'", "'wasm-unsafe-eval'", "'none'"].includes(source), `${name} allows only the package: ${source}`);
      }
    }
  });

  if (browser === 'firefox') {
    test('firefox: the add-on declares that it collects no data', () => {
      const gecko = manifest(browser).browser_specific_settings.gecko;
      assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
    });
  }

  test(`${browser}: no shipped script evaluates strings, loads code from outside or talks to the network`, () => {
    const dir = join(root, 'dist', browser);
    const all = files(dir);
    const scripts = all.filter((f) => f.endsWith('.js'));
    const names = scripts.map((f) => relative(dir, f)).sort();
    // app.js is wasm-bindgen's loader bundled with browser.js and the pages' entry (see Makefile).
    assert.deepEqual(names, ['app.js', 'background.js', 'content.js', 'shim.js'], `the scripts shipped`);
    const forbidden = [
      [/\beval\s*\(/, 'eval'],
      [/\bnew\s+Function\b/, 'new Function'],
      [/(^|[^\w`$.])Function\s*\(/m, 'Function()'],
      [/\bset(Timeout|Interval)\s*\(\s*['"`]/, 'a timer given a string'],
      [/\bimport\s*\(/, 'dynamic import'],
      [/\bimportScripts\s*\(/, 'importScripts'],
      [/^\s*import\b[^;]*?from\s*['"](?!\.{1,2}\/)/m, 'import from outside the package'],
      [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
      [/\bWebSocket\b/, 'WebSocket'],
      [/\bsendBeacon\b/, 'sendBeacon'],
      [/\bEventSource\b/, 'EventSource'],
      [/\bRTCPeerConnection\b/, 'RTCPeerConnection'],
      [/\bconnectNative\b|\bsendNativeMessage\b/, 'native messaging'],
    ];
    for (const file of scripts) {
      const text = readFileSync(file, 'utf8');
      const name = relative(dir, file);
      for (const [pattern, what] of forbidden) assert.ok(!pattern.test(text), `${name} uses ${what}`);
      // fetch only in wasm-bindgen's loader (in app.js), which reads the package's own .wasm file.
      if (name !== 'app.js') assert.ok(!/\bfetch\s*\(/.test(text), `${name} uses fetch`);
    }
    // The one load of the WebAssembly names the package's own file (the loader's own code only
    // passes on what it is given: a plain name).
    const loads = [...readFileSync(join(dir, 'app.js'), 'utf8').matchAll(/module_or_path:\s*([^}]+)\}/g)]
      .filter((m) => !/^\w+$/.test(m[1].trim()));
    assert.equal(loads.length, 1, 'app.js loads the WebAssembly once');
    assert.match(loads[0][1], /^new URL\(\s*["']pkg\/objection_bg\.wasm["']/, 'app.js loads its own wasm');
  });

  test(`${browser}: pages and styles load nothing from outside and run no inline script`, () => {
    const dir = join(root, 'dist', browser);
    for (const file of files(dir).filter((f) => /\.(html|css)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      const name = relative(dir, file);
      assert.ok(!/\b(src|href)\s*=\s*["']?(https?:)?\/\//i.test(text), `${name} loads from outside`);
      assert.ok(!/url\(\s*["']?(https?:)?\/\//i.test(text) && !/@import/i.test(text), `${name} imports from outside`);
      for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        assert.match(m[1], /\bsrc=/, `${name}: no inline script`);
        assert.equal(m[2].trim(), '', `${name}: no inline script`);
      }
    }
  });
}

test('the two packages differ only in their manifests', () => {
  const list = (b) => files(join(root, 'dist', b)).map((f) => relative(join(root, 'dist', b), f)).sort();
  assert.deepEqual(list('chrome'), list('firefox'));
  for (const f of list('chrome').filter((f) => f !== 'manifest.json')) {
    assert.ok(readFileSync(join(root, 'dist', 'chrome', f)).equals(readFileSync(join(root, 'dist', 'firefox', f))), `${f} is the same`);
  }
});

test('chromium: the CSP itself stops a request from the popup and the options page, to Meta or anywhere', async () => {
  const { launch } = await import('./harness.mjs');
  const b = await launch();
  try {
    for (const path of ['popup.html', 'options.html']) {
      const page = await b.extensionPage(path);
      const violations = [];
      page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
      for (const url of ['https://www.facebook.com/help/contact/712876720715583', 'https://example.org/collect']) {
        const outcome = await page.evaluate((u) => fetch(u, { method: 'POST', body: 'x' }).then(() => 'sent', () => 'blocked'), url);
        assert.equal(outcome, 'blocked', `${path}: ${url}`);
      }
      assert.ok(violations.length >= 2, `${path}: the browser reports the CSP stopped it`);
      await page.close();
    }
    assert.deepEqual(b.escaped, [], 'nothing reached the network layer');
  } finally {
    await b.close();
  }
});
