// Firefox ESR (Debian's) driven by puppeteer-core over WebDriver BiDi, with the built
// dist/firefox installed. Fixture pages are served at Meta's real URLs by request interception.
//
// WebDriver may not navigate a tab to a moz-extension:// page, so the popup is opened the way the
// browser itself opens pages: Firefox is started with --remote-allow-system-access, and a script
// in the browser's own (chrome) context opens popup.html?tab=<id> in a new tab. The real popup then
// runs exactly as it does when the toolbar button is clicked, and the test drives it over BiDi.
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION = join(root, 'dist', 'firefox');
const PAGES = join(root, 'tests', 'fixtures', 'pages');
const SCRIPTS = {
  '/__fixtures__/react.js': join(root, 'node_modules/react/umd/react.production.min.js'),
  '/__fixtures__/react-dom.js': join(root, 'node_modules/react-dom/umd/react-dom.production.min.js'),
};
const UUID = '0b7e1a52-4c39-4d7e-9a51-6f0d2c8e3b14';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launchFirefox() {
  const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    // The person the tests play lives in Ireland and reads English (navigator.languages en-IE):
    // where they live is preselected, as for most people.
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      'intl.accept_languages': 'en-IE',
    },
  });
  await browser.installExtension(EXTENSION);
  const escaped = [];
  const submitted = [];
  const served = new Set(); // what the interception answered
  const seen = [];          // every request any tab began (the popup's too), as BiDi reports it
  const bidi = (method, params) => browser.connection.send(method, params);
  await bidi('session.subscribe', { events: ['network.beforeRequestSent'] });
  browser.connection.on('network.beforeRequestSent', (event) => {
    const url = event && event.request && event.request.url;
    if (url && !/^(data|blob|about|moz-extension|resource|chrome):/.test(url)) seen.push(url);
  });

  // Runs `expression` in the browser's own window and returns its value.
  async function privileged(expression) {
    const tree = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = tree.result.contexts[0].context;
    const r = await bidi('script.evaluate', { expression, target: { context }, awaitPromise: true });
    if (r.result.type === 'exception') throw new Error(r.result.exceptionDetails.text);
    return r.result.result.value;
  }

  // In the browser itself: every HTTP request that the extension starts anywhere (background,
  // popup, options, content scripts) is recorded and stopped before it leaves.
  await privileged(`(() => {
    if (globalThis.__objectionRequests) return 'ok';
    const record = globalThis.__objectionRequests = [];
    Services.obs.addObserver({
      observe(subject) {
        try {
          const channel = subject.QueryInterface(Ci.nsIHttpChannel);
          const info = channel.loadInfo;
          const from = [info && info.triggeringPrincipal, info && info.loadingPrincipal].filter(Boolean);
          const addon = from.map((p) => p.addonId || (p.isAddonOrExpandedAddonPrincipal ? 'an add-on' : '')).find(Boolean);
          if (!addon) return;
          record.push(channel.URI.spec + ' (from ' + addon + ')');
          channel.cancel(Cr.NS_BINDING_ABORTED);
        } catch (e) { /* not an HTTP channel */ }
      },
    }, 'http-on-modify-request');
    return 'ok';
  })()`);

  return {
    browser, escaped, submitted,

    // Everything that left or tried to leave the browser since the last call (and forgets it):
    // requests the interception refused, requests of any tab that it did not answer, and requests
    // the extension started. Nothing else is sent by Firefox in these tests.
    async leaks() {
      const fromExtension = JSON.parse(await privileged('JSON.stringify(globalThis.__objectionRequests.splice(0))'));
      const unanswered = seen.splice(0).filter((url) => !served.has(url));
      const refused = escaped.splice(0);
      return [...new Set([...refused, ...unanswered, ...fromExtension])];
    },

    // Opens a fixture at a real Meta URL (or, with `html`, a page given as text); returns the page
    // and its WebExtension tab id.
    async open(url, fixture, html = null) {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const u = new URL(request.url());
        served.add(request.url());
        if (SCRIPTS[u.pathname]) return request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(SCRIPTS[u.pathname]) });
        if (u.pathname.startsWith('/ajax/help/contact/submit')) { submitted.push(request.url()); return request.respond({ status: 200, body: '' }); }
        if (u.origin + u.pathname === new URL(url).origin + new URL(url).pathname) {
          const body = html ?? readFileSync(join(PAGES, fixture));
          return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
        }
        if (u.pathname === '/favicon.ico') return request.respond({ status: 404, body: '' });
        escaped.push(request.url());
        return request.abort();
      });
      await page.goto(url);
      const tabId = JSON.parse(await privileged(`(() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        const tracker = ExtensionParent.apiManager.global.tabTracker;
        const tab = [...win.gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(url)});
        return JSON.stringify(tab ? tracker.getId(tab) : -1);
      })()`));
      return { page, tabId };
    },

    // Serves a page given as text at a real Meta URL (for pages built inside a test).
    openHtml(url, html) {
      return this.open(url, null, html);
    },

    // Opens the extension's popup for a tab; returns helpers to read and drive it.
    async popup(tabId) {
      const href = `moz-extension://${UUID}/popup.html?tab=${tabId}`;
      await privileged(`(() => {
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        win.gBrowser.addTab(${JSON.stringify(href)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        return 'ok';
      })()`);
      let context = null;
      for (let i = 0; i < 50 && !context; i++) {
        const tree = await bidi('browsingContext.getTree', {});
        context = tree.result.contexts.find((c) => c.url === href)?.context ?? null;
        if (!context) await sleep(100);
      }
      if (!context) throw new Error('the popup did not open');
      const ev = async (expression) => {
        const r = await bidi('script.evaluate', { expression, target: { context }, awaitPromise: true });
        if (r.result.type === 'exception') throw new Error(r.result.exceptionDetails.text);
        return r.result.result.value;
      };
      const state = () => ev(`document.querySelector('#app')?.dataset.state ?? 'loading'`);
      const until = async (check, what) => {
        for (let i = 0; i < 100; i++) {
          const s = await state();
          if (check(s)) return s;
          await sleep(100);
        }
        throw new Error(`popup never reached ${what}; it is ${await state()}`);
      };
      await until((s) => s !== 'loading', 'a state');
      return {
        ev, state, until,
        attr: (name) => ev(`document.querySelector('#app').getAttribute(${JSON.stringify(name)})`),
        click: (selector) => ev(`document.querySelector(${JSON.stringify(selector)}).click(), true`),
        close: () => bidi('browsingContext.close', { context }),
      };
    },

    async close() {
      await browser.close();
    },
  };
}
