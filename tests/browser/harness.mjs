// Shared set-up for the real-browser tests: headless Chromium with the built extension from
// dist/chrome, fixture pages served at Meta's real URLs by request interception, and a record of
// every request that would have left the browser (there must be none).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION = join(root, 'dist', 'chrome');
export const SCREENSHOTS = join(root, 'dist', 'screenshots');
const PAGES = join(root, 'tests', 'fixtures', 'pages');
const SCRIPTS = {
  '/__fixtures__/react.js': join(root, 'node_modules/react/umd/react.production.min.js'),
  '/__fixtures__/react-dom.js': join(root, 'node_modules/react-dom/umd/react-dom.production.min.js'),
};

// `locale`: the browser's language (`--lang` and navigator.languages). Without it, the person the
// tests play lives in Ireland and reads English: navigator.languages is en-IE, the interface
// English, and where they live is preselected, as for most people.
export async function launch({ locale, extension = EXTENSION } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'objection-test-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    locale: locale || 'en-IE',
    args: [
      ...(locale ? [`--lang=${locale}`] : []),
      '--no-sandbox', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run',
    ],
  });
  const routes = new Map(); // url without hash -> fixture file
  const inline = new Map(); // url without hash -> page text
  const escaped = [];       // requests that would have left the browser
  const submitted = [];     // form posts to Meta
  // Every request to the web goes through here; the extension's own files do not.
  await ctx.route((url) => url.protocol !== 'chrome-extension:', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const key = url.origin + url.pathname;
    if (SCRIPTS[url.pathname] && routes.has('origin:' + url.origin)) {
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(SCRIPTS[url.pathname]) });
    }
    if (url.pathname.startsWith('/ajax/help/contact/submit')) {
      submitted.push(request.url());
      return route.fulfill({ status: 200, body: '' });
    }
    if (inline.has(key)) {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: inline.get(key) });
    }
    if (routes.has(key)) {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(join(PAGES, routes.get(key))) });
    }
    if (url.pathname === '/favicon.ico') return route.fulfill({ status: 404, body: '' });
    escaped.push(request.url());
    return route.abort();
  });
  let [worker] = ctx.serviceWorkers();
  if (!worker) worker = await ctx.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;

  // Serves `url` from a fixture file or from given text; either way its origin's fixture scripts.
  const serve = (url, { fixture, html } = {}) => {
    const u = new URL(url);
    if (html) inline.set(u.origin + u.pathname, html);
    if (fixture) routes.set(u.origin + u.pathname, fixture);
    routes.set('origin:' + u.origin, true);
  };

  return {
    ctx, worker, extensionId, escaped, submitted,

    // Opens a fixture page at a real Meta URL in its own tab; returns the page and its tab id.
    async open(url, fixture) {
      serve(url, { fixture });
      // The new tab is the one that was not there before (the extension cannot see the URL of a
      // page outside Meta's hosts, so it cannot be found by URL).
      const known = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
      const page = await ctx.newPage();
      await page.goto(url);
      await page.bringToFront();
      const tabId = await worker.evaluate(async (ids) => {
        const fresh = (await chrome.tabs.query({})).filter((t) => !ids.includes(t.id));
        return fresh.length === 1 ? fresh[0].id : -1;
      }, known);
      return { page, tabId };
    },

    // Opens the popup for a tab, as its own page (popup.html?tab=<id>), and waits until it knows.
    async popup(tabId) {
      const popup = await ctx.newPage();
      await popup.setViewportSize({ width: 400, height: 700 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      await popup.waitForSelector('#app:not([data-state="loading"])');
      return popup;
    },

    // Opens an extension page (options.html…) in a tab.
    async extensionPage(path) {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },

    // Serves a page given as text at a real Meta URL (for forms built inside a test).
    async openHtml(url, html) {
      serve(url, { html });
      return this.open(url, null);
    },

    // Navigates an open page to a URL served from a fixture file or given text.
    async openIn(page, url, { fixture, html } = {}) {
      serve(url, { fixture, html });
      await page.goto(url);
    },

    badge(tabId) {
      return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    },

    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The same extension without its content script, as in a tab opened before the extension was
// installed; closing it removes its copy too.
export async function launchWithoutContentScript() {
  const dir = mkdtempSync(join(tmpdir(), 'objection-no-cs-'));
  cpSync(EXTENSION, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  delete manifest.content_scripts;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const b = await launch({ extension: dir });
  const close = b.close.bind(b);
  b.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return b;
}

// Fails the test that just ran when anything left the browser or was submitted during it (each
// test file calls it after every test, so the failure names the test).
export function sealed(b) {
  const escaped = b.escaped.splice(0);
  const submitted = b.submitted.splice(0);
  assert.deepEqual(escaped, [], 'requests that left the browser');
  assert.deepEqual(submitted, [], 'form submissions');
}

// What every text box on a page holds (in the page itself, its open shadow roots and its
// same-origin frames), keyed by place; the reason box (data-testid="reason") under "REASON".
export function boxes(page) {
  return page.evaluate(() => {
    const out = {};
    const walk = (root, path) => {
      let i = 0;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot, `${path}/${el.localName}`);
        if (el.localName === 'iframe') {
          let doc = null;
          try { doc = el.contentDocument; } catch { doc = null; }
          if (doc) walk(doc, `${path}/iframe#${el.id}`);
        }
        const plain = el.localName === 'textarea' || el.localName === 'input';
        const rich = el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable);
        if (!plain && !rich) continue;
        const key = el.dataset && el.dataset.testid === 'reason' ? 'REASON' : `${path} ${el.localName}#${el.id || el.name || i}`;
        i++;
        out[key] = plain ? el.value : el.innerText;
      }
    };
    walk(document, '');
    return out;
  });
}

export async function state(popup) {
  return popup.getAttribute('#app', 'data-state');
}

// Waits for the popup to settle in a state other than loading, and returns it.
export async function settled(popup) {
  await popup.waitForSelector('#app:not([data-state="loading"])');
  return state(popup);
}

// The text as compared: rich-text boxes may add blank lines and trailing spaces.
export function norm(text) {
  return String(text).replace(/\r\n?/g, '\n').replace(/[ \u00a0]+\n/g, '\n').replace(/\n{2,}/g, '\n\n').trim();
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
