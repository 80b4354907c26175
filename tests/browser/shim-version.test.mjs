// The version handshake with the page shim, in headless Chromium with the built extension: a
// shim left in a tab by an older version of the extension (the isolated world outlives an update)
// is never talked to; the popup loads the current shim.js, which takes its place, and fills the
// form. A shim of the same version is kept, as before.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, norm, sealed, launchWithoutContentScript } from './harness.mjs';

const FORM = { url: 'https://de-de.facebook.com/help/contact/712876720715583', fixture: 'fb-2025-de-plain.html' };

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

const fixtureState = (page) => page.evaluate(() => window.__fixture.state());

// An old shim, as an earlier version of the extension would have left it in the tab's isolated
// world: another version, and operations that answer without doing anything.
function plantOldShim(browser, tabId) {
  return browser.worker.evaluate((id) => chrome.scripting.executeScript({
    target: { tabId: id },
    func: () => {
      globalThis.__objectionShim = { version: '0.0.1', report: () => ({}), write: () => ({ ok: true }) };
    },
  }), tabId);
}

// What the tab's isolated world holds now: the shim's version and the probe a test set on it.
async function shimInTab(browser, tabId) {
  const [first] = await browser.worker.evaluate((id) => chrome.scripting.executeScript({
    target: { tabId: id },
    func: () => {
      const shim = globalThis.__objectionShim;
      return shim ? { version: shim.version ?? null, probe: shim.probe ?? null } : null;
    },
  }), tabId);
  return first.result;
}

const manifestVersion = (browser) => browser.worker.evaluate(() => chrome.runtime.getManifest().version);

// Counts the popup's calls into the tab (run in the popup before its scripts).
function countTabCalls() {
  const ext = globalThis.chrome;
  globalThis.__calls = { executeScript: 0, sendMessage: 0 };
  const wrap = (api, name) => {
    const real = api[name].bind(api);
    api[name] = (...args) => { globalThis.__calls[name] += 1; return real(...args); };
  };
  wrap(ext.scripting, 'executeScript');
  wrap(ext.tabs, 'sendMessage');
}

async function fill(popup) {
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"], #app[data-state="error"]');
  return settled(popup);
}

test('a shim of an older version left in the tab is replaced; the popup fills the form', async () => {
  const { page, tabId } = await b.open(FORM.url, FORM.fixture);
  await page.waitForSelector('textarea');
  // The content script has reported (so it will not load after the old shim is planted).
  await b.worker.evaluate(async (id) => {
    for (let i = 0; i < 100 && (await chrome.action.getBadgeText({ tabId: id })) === ''; i++) await new Promise((r) => setTimeout(r, 50));
  }, tabId);
  await plantOldShim(b, tabId);
  assert.deepEqual(await shimInTab(b, tabId), { version: '0.0.1', probe: null }, 'the old shim is in the tab');

  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form', 'the form is recognised');
  const letter = await popup.locator('#preview').inputValue();
  assert.equal(await fill(popup), 'filled');
  // The old shim's write answers { ok: true } and writes nothing: the letter in the box shows
  // that the current shim wrote it.
  assert.equal(norm((await fixtureState(page)).reason), norm(letter), 'the letter, in the box');
  const current = await manifestVersion(b);
  assert.deepEqual(await shimInTab(b, tabId), { version: current, probe: null }, 'the current shim took its place');

  // A shim of the same version is used as it is, not loaded anew: Undo goes to the same one…
  await b.worker.evaluate((id) => chrome.scripting.executeScript({
    target: { tabId: id },
    func: () => { globalThis.__objectionShim.probe = 'kept'; },
  }), tabId);
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"] .notice.ok');
  assert.equal((await fixtureState(page)).reason, '', 'undone');
  // …and shim.js loaded again (as the content script would be) keeps it too.
  await b.worker.evaluate((id) => chrome.scripting.executeScript({ target: { tabId: id }, files: ['shim.js'] }), tabId);
  assert.deepEqual(await shimInTab(b, tabId), { version: current, probe: 'kept' }, 'the same shim');
  assert.equal(await page.evaluate(() => window.__fixture.submits), 0, 'nothing submitted');
  await popup.close();
  await page.close();
});

test('without the content script, the report too comes from the current shim, not the old one', async () => {
  // The same extension without its content script: the popup's first report then goes through
  // chrome.scripting, to whatever shim the tab holds (the old one's report is empty).
  const other = await launchWithoutContentScript();
  try {
    const { page, tabId } = await other.open(FORM.url, FORM.fixture);
    await page.waitForSelector('textarea');
    await plantOldShim(other, tabId);
    const popup = await other.ctx.newPage();
    await popup.addInitScript(countTabCalls);
    await popup.goto(`chrome-extension://${other.extensionId}/popup.html?tab=${tabId}`);
    assert.equal(await settled(popup), 'form', 'the form is recognised');
    const calls = await popup.evaluate(() => globalThis.__calls);
    assert.equal(calls.executeScript, 3, 'found no shim of its version, loaded shim.js, then asked it');
    const letter = await popup.locator('#preview').inputValue();
    assert.equal(await fill(popup), 'filled');
    assert.equal(norm((await fixtureState(page)).reason), norm(letter), 'the letter, in the box');
    assert.deepEqual(await shimInTab(other, tabId), { version: await manifestVersion(other), probe: null });
    await popup.close();
    await page.close();
    sealed(other);
  } finally {
    await other.close();
  }
});
