// The extension end to end in headless Chromium: the built dist/chrome, fixture pages at Meta's
// real URLs, the popup opened for the form's tab.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, norm, screenshotPath, sealed, launchWithoutContentScript } from './harness.mjs';
import { readFileSync } from 'node:fs';

let b;
before(async () => { b = await launch(); });
// No request may leave the browser in any of these tests, and nothing may be submitted.
afterEach(() => sealed(b));
after(async () => { await b.close(); });

async function fixtureState(page) {
  return page.evaluate(() => window.__fixture.state());
}

async function submits(page) {
  return page.evaluate(() => window.__fixture.submits);
}

const FORMS = [
  { fixture: 'fb-2024-en-react.html', url: 'https://www.facebook.com/help/contact/6359191084165019', form: 'ai-objection', platform: 'facebook', lang: 'en', locale: 'en-gb' },
  { fixture: 'fb-2025-de-plain.html', url: 'https://de-de.facebook.com/help/contact/712876720715583', form: 'ai-objection', platform: 'facebook', lang: 'de', locale: 'de' },
  { fixture: 'ig-2025-fr-rich.html', url: 'https://help.instagram.com/contact/767264225370182', form: 'ai-objection', platform: 'instagram', lang: 'fr', locale: 'fr' },
  { fixture: 'ig-2024-it-react.html', url: 'https://help.instagram.com/contact/233964459562201', form: 'ai-objection', platform: 'instagram', lang: 'it', locale: 'it' },
  { fixture: 'fb-third-party-en.html', url: 'https://www.facebook.com/help/contact/510058597920541', form: 'third-party-data', platform: 'facebook', lang: 'en', locale: 'en' },
  { fixture: 'fb-unknown-es.html', url: 'https://www.facebook.com/help/contact/1122334455667788', form: 'ai-objection', platform: 'facebook', lang: 'es', locale: 'es' },
];

for (const f of FORMS) {
  test(`recognises and fills ${f.fixture}`, async () => {
    const { page, tabId } = await b.open(f.url, f.fixture);
    const before = await fixtureState(page);
    const popup = await b.popup(tabId);
    assert.equal(await settled(popup), 'form');
    const app = popup.locator('#app');
    assert.equal(await app.getAttribute('data-form'), f.form);
    assert.equal(await app.getAttribute('data-platform'), f.platform);
    assert.equal(await app.getAttribute('data-lang'), f.lang);
    assert.equal(await popup.locator('#locale').inputValue(), f.locale, 'letter language preselected');
    const letters = await popup.locator('[data-letter]').evaluateAll((els) => els.map((e) => e.dataset.letter));
    assert.ok(letters.length >= (f.form === 'ai-objection' ? 4 : 1), `letters offered: ${letters}`);
    // Pick the second letter where there is one, then fill.
    await popup.locator('[data-letter] input').nth(Math.min(1, letters.length - 1)).check();
    const letter = await popup.locator('#preview').inputValue();
    assert.ok(letter.length > 300, 'the preview holds the letter');
    await popup.click('[data-action="fill"]');
    assert.equal(await popup.waitForSelector('#app[data-state="filled"], #app[data-state="error"]').then(() => settled(popup)), 'filled');
    const after = await fixtureState(page);
    assert.equal(norm(after.reason), norm(letter), "the page's own state holds the letter");
    for (const [key, value] of Object.entries(before)) {
      if (key !== 'reason') assert.deepEqual(after[key], value, `field ${key} untouched`);
    }
    assert.equal(await submits(page), 0, 'nothing submitted');
    assert.equal(await b.badge(tabId), '\u2713', 'toolbar icon marks the form');
    await popup.close();
    await page.close();
  });
}

test('edited preview is what gets filled; undo empties the box again', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  await popup.fill('#preview', 'My own words about why I object to this processing.\n\nSecond paragraph.');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  assert.equal((await fixtureState(page)).reason, 'My own words about why I object to this processing.\n\nSecond paragraph.');
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"] .notice.ok');
  assert.equal((await fixtureState(page)).reason, '');
  await popup.close();
  await page.close();
});

test('text the person typed: ask first, replace, then undo restores it exactly', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/712876720715583', 'fb-typed-en.html');
  const popup = await b.popup(tabId);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="confirm-replace"]');
  assert.equal((await fixtureState(page)).reason, 'I wrote this myself.', 'nothing written before the person agrees');
  await popup.click('[data-action="cancel"]');
  await popup.waitForSelector('#app[data-state="form"]');
  assert.equal((await fixtureState(page)).reason, 'I wrote this myself.');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="confirm-replace"]');
  const letter = await popup.evaluate(() => document.querySelector('#preview')?.value ?? null);
  await popup.click('[data-action="replace"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  const filled = (await fixtureState(page)).reason;
  assert.notEqual(filled, 'I wrote this myself.');
  if (letter) assert.equal(norm(filled), norm(letter));
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"] .notice.ok');
  assert.equal((await fixtureState(page)).reason, 'I wrote this myself.', 'undo restores exactly');
  assert.equal(await submits(page), 0);
  await popup.close();
  await page.close();
});

test('text typed after the popup opened: Fill still asks first, nothing is written', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  // The popup read an empty box; the person now types into it before pressing Fill.
  await page.fill('textarea[name="Field2210396972523431"]', 'Typed while the popup was open.');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="confirm-replace"]');
  assert.equal((await fixtureState(page)).reason, 'Typed while the popup was open.', 'not written over');
  assert.equal(await submits(page), 0);
  await popup.close();
  await page.close();
});

test('a page that wipes the field: error, with Copy as the way out', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/712876720715583', 'fb-wipe-en.html');
  const popup = await b.popup(tabId);
  const letter = await popup.locator('#preview').inputValue();
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="error"]');
  assert.match(await popup.locator('.notice.error').innerText(), /removed/i);
  await popup.click('[data-action="copy"]');
  await popup.waitForSelector('.notice.ok');
  // Paste it as a person would, into a scratch page.
  const scratch = await b.ctx.newPage();
  await scratch.setContent('<textarea id="t"></textarea>');
  await scratch.focus('#t');
  await scratch.keyboard.press('Control+V');
  assert.equal(await scratch.inputValue('#t'), letter, 'the clipboard holds the letter');
  await scratch.close();
  await popup.close();
  await page.close();
});

test('a form that renders late is recognised, and the icon is marked', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/712876720715583', 'fb-spa-en.html');
  await page.waitForFunction(() => window.__fixture && window.__fixture.rendered);
  await page.waitForTimeout(800);
  assert.equal(await b.badge(tabId), '\u2713');
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  await popup.close();
  await page.close();
});

test('the toolbar mark follows in-page navigation and leaving the form', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/1216349518398524', 'neg-hacked-en.html');
  await page.waitForTimeout(700);
  assert.equal(await b.badge(tabId), '', 'not marked on another form');
  // Meta's pages navigate without reloading: the URL changes and React renders the new form.
  await page.evaluate(() => {
    history.pushState({}, '', '/help/contact/712876720715583');
    document.title = 'Object to Your Information Being Used for AI at Meta';
    document.body.innerHTML = '<h1>Object to Your Information Being Used for AI at Meta</h1>'
      + '<label for="r">Please tell us how this processing impacts you</label><textarea id="r"></textarea>';
  });
  await page.waitForFunction(() => true);
  for (let i = 0; i < 20 && (await b.badge(tabId)) !== '\u2713'; i++) await page.waitForTimeout(100);
  assert.equal(await b.badge(tabId), '\u2713', 'marked after navigating to the form');
  await page.evaluate(() => {
    history.pushState({}, '', '/help/contact/1216349518398524');
    document.title = 'Report a Hacked Account';
    document.body.innerHTML = '<h1>Report a Hacked Account</h1><textarea></textarea>';
  });
  for (let i = 0; i < 20 && (await b.badge(tabId)) !== ''; i++) await page.waitForTimeout(100);
  assert.equal(await b.badge(tabId), '', 'mark removed after navigating away');
  await page.close();
});

const NEGATIVES = [
  { fixture: 'neg-hacked-en.html', url: 'https://www.facebook.com/help/contact/1216349518398524' },
  { fixture: 'neg-meta-ai-problem-en.html', url: 'https://www.facebook.com/help/contact/998877665544332' },
  { fixture: 'neg-impersonation-de.html', url: 'https://de-de.facebook.com/help/contact/1458903127564021' },
  { fixture: 'neg-lookalike.html', url: 'https://example.com/object-ai' },
];

for (const n of NEGATIVES) {
  test(`does not claim ${n.fixture}`, async () => {
    const { page, tabId } = await b.open(n.url, n.fixture);
    await page.waitForTimeout(600);
    const popup = await b.popup(tabId);
    assert.equal(await settled(popup), 'no-form');
    assert.equal(await popup.locator('#app').getAttribute('data-form'), null);
    const links = await popup.locator('a.link').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.some((h) => h.startsWith('https://www.facebook.com/help/contact/')), 'link to the Facebook form');
    assert.ok(links.some((h) => h.startsWith('https://help.instagram.com/contact/')), 'link to the Instagram form');
    assert.equal(await b.badge(tabId), '', 'icon not marked');
    const values = await page.evaluate(() => Array.from(document.querySelectorAll('textarea, input')).map((e) => e.value));
    assert.ok(values.every((v) => v === '' || v === 'person@example.com' || !/Meta/.test(v)), 'nothing written');
    await popup.close();
    await page.close();
  });
}

test('keyboard: arrow keys move through the letters and the preview follows', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  const first = await popup.locator('#preview').inputValue();
  await popup.focus('[data-letter] input:checked');
  await popup.keyboard.press('ArrowDown');
  const focused = await popup.evaluate(() => document.activeElement.closest('[data-letter]')?.dataset.letter);
  const checked = await popup.locator('[data-letter] input:checked').getAttribute('value');
  assert.equal(focused, checked, 'focus stays on the list');
  assert.notEqual(await popup.locator('#preview').inputValue(), first, 'the preview shows the new letter');
  await popup.keyboard.press('Tab');
  assert.equal(await popup.evaluate(() => document.activeElement.id), 'own', 'Tab reaches the box for the person\'s own words');
  await popup.keyboard.press('Tab');
  assert.equal(await popup.evaluate(() => document.activeElement.id), 'preview', 'then the letter');
  await popup.keyboard.press('Tab');
  assert.equal(await popup.evaluate(() => document.activeElement.tagName), 'SUMMARY', 'then the details');
  await popup.keyboard.press('Tab');
  assert.equal(await popup.evaluate(() => document.activeElement.dataset.action), 'fill', 'then Fill');
  await popup.keyboard.press('Enter');
  await popup.waitForSelector('#app[data-state="filled"]');
  assert.equal(await popup.evaluate(() => document.activeElement.dataset.action), 'undo', 'focus moves to the next step');
  await popup.close();
  await page.close();
});

test('screenshot of the popup on a form, for the README', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  await popup.setViewportSize({ width: 400, height: 600 });
  // As the person sees it: the popup's real size, the action bar at its bottom.
  await popup.screenshot({ path: screenshotPath('popup-form.png') });
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.screenshot({ path: screenshotPath('popup-filled.png') });
  await page.bringToFront();
  await page.screenshot({ path: screenshotPath('form-filled.png') });
  // docs/, the README and the website show these (`make screenshots` copies them there): the
  // copies have the sizes the popup and the page have now.
  const size = (path) => { const b = readFileSync(path); return [b.readUInt32BE(16), b.readUInt32BE(20)]; };
  // (`make screenshots` takes them anew: the copies are then about to be replaced.)
  for (const name of process.env.RETAKING_SCREENSHOTS ? [] : ['popup-form.png', 'popup-filled.png', 'form-filled.png']) {
    assert.deepEqual(size(new URL(`../../docs/${name}`, import.meta.url)), size(screenshotPath(name)),
      `docs/${name} has the size of the screenshot taken now (else run make screenshots)`);
  }
  await popup.close();
  await page.close();
  const other = await b.open('https://example.com/object-ai', 'neg-lookalike.html');
  const none = await b.popup(other.tabId);
  await none.screenshot({ path: screenshotPath('popup-no-form.png'), fullPage: true });
  await none.close();
  await other.page.close();
});

// Counts the popup's calls into the tab: scripts injected and messages to our content script.
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

test('the popup reads the form through our content script, by message, while it loads: no script is injected', async () => {
  const { page, tabId } = await b.open(FORMS[0].url, FORMS[0].fixture);
  await page.waitForSelector('textarea');
  const popup = await b.ctx.newPage();
  await popup.addInitScript(countTabCalls);
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
  assert.equal(await settled(popup), 'form');
  assert.deepEqual(await popup.evaluate(() => globalThis.__calls), { executeScript: 0, sendMessage: 1 });
  // Filling still goes through chrome.scripting (and finds the content script's shim).
  await popup.click('[data-action="fill"]');
  assert.equal(await popup.waitForSelector('#app[data-state="filled"], #app[data-state="error"]').then(() => settled(popup)), 'filled');
  await popup.close();
  await page.close();
});

test('where the content script is missing (the extension came after the page), the popup loads the shim itself and fills', async () => {
  // The same extension without its content script: as in a tab opened before installing.
  const other = await launchWithoutContentScript();
  try {
    const { page, tabId } = await other.open(FORMS[0].url, FORMS[0].fixture);
    await page.waitForSelector('textarea');
    const popup = await other.ctx.newPage();
    await popup.addInitScript(countTabCalls);
    await popup.goto(`chrome-extension://${other.extensionId}/popup.html?tab=${tabId}`);
    assert.equal(await settled(popup), 'form');
    const calls = await popup.evaluate(() => globalThis.__calls);
    assert.equal(calls.sendMessage, 1, 'asked the content script first');
    assert.equal(calls.executeScript, 3, 'found no shim, loaded shim.js, then asked it');
    const letter = await popup.locator('#preview').inputValue();
    await popup.click('[data-action="fill"]');
    assert.equal(await popup.waitForSelector('#app[data-state="filled"], #app[data-state="error"]').then(() => settled(popup)), 'filled');
    assert.equal(norm((await fixtureState(page)).reason), norm(letter));
    await popup.close();
    // Should the content script arrive after the popup's shim (the same isolated world), the one
    // shim starts reporting as the content script: the icon is marked and the next popup gets
    // its report by message.
    await other.worker.evaluate((tabId) => chrome.scripting.executeScript({ target: { tabId }, files: ['content.js', 'shim.js'] }), tabId);
    await other.worker.evaluate(async (tabId) => {
      for (let i = 0; i < 100 && (await chrome.action.getBadgeText({ tabId })) === ''; i++) await new Promise((r) => setTimeout(r, 50));
    }, tabId);
    assert.equal(await other.badge(tabId), '\u2713', 'the icon marks the form');
    const again = await other.ctx.newPage();
    await again.addInitScript(countTabCalls);
    await again.goto(`chrome-extension://${other.extensionId}/popup.html?tab=${tabId}`);
    // Reopened after the fill: the popup remembers it, and says the letter is in the form.
    assert.equal(await settled(again), 'filled');
    assert.deepEqual(await again.evaluate(() => globalThis.__calls), { executeScript: 0, sendMessage: 1 });
    sealed(other);
  } finally {
    await other.close();
  }
});
