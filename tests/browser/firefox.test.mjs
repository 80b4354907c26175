// The extension in Firefox ESR: installs, recognises the forms, and fills them as in Chromium.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox } from './firefox-harness.mjs';
import { norm, boxes } from './harness.mjs';

let f;
before(async () => { f = await launchFirefox(); });
// After every test: nothing left the browser (pages, popup, extension), nothing was submitted.
afterEach(async () => {
  assert.deepEqual(await f.leaks(), [], 'requests that left the browser');
  assert.deepEqual(f.submitted.splice(0), [], 'form submissions');
});
after(async () => { await f.close(); });

const state = (page) => page.evaluate(() => window.__fixture.state());

const FORMS = [
  ['fb-2024-en-react.html', 'https://www.facebook.com/help/contact/6359191084165019', 'facebook', 'en'],
  ['fb-2025-de-plain.html', 'https://de-de.facebook.com/help/contact/712876720715583', 'facebook', 'de'],
  ['ig-2025-fr-rich.html', 'https://help.instagram.com/contact/767264225370182', 'instagram', 'fr'],
  ['ig-2024-it-react.html', 'https://help.instagram.com/contact/233964459562201', 'instagram', 'it'],
  ['fb-third-party-en.html', 'https://www.facebook.com/help/contact/510058597920541', 'facebook', 'en'],
];

for (const [fixture, url, platform, lang] of FORMS) {
  test(`Firefox: recognises and fills ${fixture}`, async () => {
    const { page, tabId } = await f.open(url, fixture);
    const before = await state(page);
    const popup = await f.popup(tabId);
    assert.equal(await popup.state(), 'form');
    assert.equal(await popup.attr('data-platform'), platform);
    assert.equal(await popup.attr('data-lang'), lang);
    const letter = await popup.ev(`document.querySelector('#preview').value`);
    await popup.click('[data-action="fill"]');
    assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'filled'), 'filled');
    const after = await state(page);
    assert.equal(norm(after.reason), norm(letter), "the page's own state holds the letter");
    for (const [key, value] of Object.entries(before)) {
      if (key !== 'reason') assert.deepEqual(after[key], value, `field ${key} untouched`);
    }
    assert.equal(await page.evaluate(() => window.__fixture.submits), 0);
    assert.equal(await popup.ev(`browser.action.getBadgeText({ tabId: ${tabId} })`), '\u2713', 'toolbar icon marked');
    await popup.close();
    await page.close();
  });
}

test('Firefox: typed text is replaced only after asking, and undo restores it', async () => {
  const { page, tabId } = await f.open('https://www.facebook.com/help/contact/712876720715583', 'fb-typed-en.html');
  const popup = await f.popup(tabId);
  await popup.click('[data-action="fill"]');
  await popup.until((s) => s === 'confirm-replace', 'confirm-replace');
  assert.equal((await state(page)).reason, 'I wrote this myself.');
  await popup.click('[data-action="replace"]');
  await popup.until((s) => s === 'filled', 'filled');
  assert.notEqual((await state(page)).reason, 'I wrote this myself.');
  await popup.click('[data-action="undo"]');
  await popup.until((s) => s === 'form', 'form');
  assert.equal((await state(page)).reason, 'I wrote this myself.');
  await popup.close();
  await page.close();
});

test('Firefox: a page that wipes the field gets an honest error', async () => {
  const { page, tabId } = await f.open('https://www.facebook.com/help/contact/712876720715583', 'fb-wipe-en.html');
  const popup = await f.popup(tabId);
  await popup.click('[data-action="fill"]');
  assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'error');
  assert.match(await popup.ev(`document.querySelector('.notice.error').textContent`), /removed/i);
  await popup.close();
  await page.close();
});

test('Firefox: another Meta form is not claimed', async () => {
  const { page, tabId } = await f.open('https://www.facebook.com/help/contact/1216349518398524', 'neg-hacked-en.html');
  await new Promise((r) => setTimeout(r, 700));
  const popup = await f.popup(tabId);
  assert.equal(await popup.state(), 'no-form');
  assert.equal(await popup.ev(`browser.action.getBadgeText({ tabId: ${tabId} })`), '');
  await popup.close();
  await page.close();
});

test('Firefox: the CSP stops a request from the popup; the guard sees one from the content-script world and stops it', async () => {
  const { page, tabId } = await f.open('https://www.facebook.com/help/contact/712876720715583', 'fb-maxlength-en.html');
  const popup = await f.popup(tabId);
  // From the popup, the extension pages' CSP stops the request before it is one.
  assert.equal(await popup.ev(`fetch('https://tracker.example.org/csp').then(() => 'sent', () => 'stopped')`), 'stopped');
  assert.deepEqual(await f.leaks(), [], 'the CSP stopped it before any request was made');
  // From the extension's content-script world in Meta's page (which the extension pages' CSP
  // does not cover; Firefox sends it as the page's request), the guard sees it and stops it.
  await popup.ev(`browser.scripting.executeScript({ target: { tabId: ${tabId} }, func: () => fetch('https://tracker.example.org/ping').then(() => 'sent', () => 'stopped') })`);
  await new Promise((r) => setTimeout(r, 300));
  const leaks = await f.leaks();
  await popup.close();
  await page.close();
  assert.ok(leaks.some((u) => u.startsWith('https://tracker.example.org/ping')), `stopped in the browser: ${leaks}`);
});

const FORM = 'https://www.facebook.com/help/contact/712876720715583';

// Opens a hostile fixture and its popup in Firefox; fills; checks nothing else changed.
async function hostile(fixture, url = FORM) {
  const { page, tabId } = await f.open(url, fixture);
  await page.waitForFunction(() => window.__fixture && (!window.__fixture.ready || window.__fixture.ready()));
  const before = await boxes(page);
  const popup = await f.popup(tabId);
  assert.equal(await popup.state(), 'form');
  const letter = await popup.ev(`document.querySelector('#preview').value`);
  const unchanged = async () => {
    const after = await boxes(page);
    const others = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'REASON'));
    assert.deepEqual(others(after), others(before), 'every other box holds what it held');
    assert.equal(await page.evaluate(() => window.__fixture.submits), 0, 'nothing submitted');
    return after;
  };
  return { page, popup, letter, unchanged };
}

test('Firefox: the form in a same-origin frame is filled there, and undo reaches it', async () => {
  const { page, popup, letter, unchanged } = await hostile('fb-iframe-en.html');
  await popup.click('[data-action="fill"]');
  assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'filled');
  assert.equal((await unchanged()).REASON, letter);
  assert.equal((await page.evaluate(() => window.__fixture.state())).reason, letter);
  await popup.click('[data-action="undo"]');
  await popup.until((s) => s === 'form', 'form');
  assert.equal((await boxes(page)).REASON, '');
  await popup.close();
  await page.close();
});

test('Firefox: the form in open shadow roots is filled there; the closed one is untouched', async () => {
  const { page, popup, letter, unchanged } = await hostile('fb-shadow-en.html');
  await popup.click('[data-action="fill"]');
  assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'filled');
  await unchanged();
  const state = await page.evaluate(() => window.__fixture.state());
  assert.equal(state.reasonBox, letter);
  assert.equal(state.reason, letter);
  assert.equal(state.secret, '');
  await popup.close();
  await page.close();
});

test('Firefox: a box shorter than the letter: told, nothing cut, a shortened letter fits', async () => {
  const { page, popup, letter, unchanged } = await hostile('fb-maxlength-en.html');
  await popup.click('[data-action="fill"]');
  for (let i = 0; i < 100 && !(await popup.ev(`Boolean(document.querySelector('.notice.warn'))`)); i++) await new Promise((r) => setTimeout(r, 100));
  const notice = await popup.ev(`document.querySelector('.notice.warn').textContent`);
  assert.match(notice, /\b200\b/);
  assert.match(notice, new RegExp(`\\b${new Intl.NumberFormat('en').format(letter.length)}\\b`));
  assert.equal(await popup.state(), 'form');
  assert.equal((await page.evaluate(() => window.__fixture.state())).reason, '', 'nothing written');
  assert.equal(await popup.ev(`document.querySelectorAll('[data-action="copy"]').length`), 1);
  const short = 'I object to the use of my information for AI at Meta under Article 21(1) GDPR.';
  await popup.ev(`(() => { const p = document.querySelector('#preview'); p.value = ${JSON.stringify(short)}; p.dispatchEvent(new Event('input')); return true; })()`);
  await popup.click('[data-action="fill"]');
  assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'filled');
  await unchanged();
  assert.equal((await page.evaluate(() => window.__fixture.state())).reason, short);
  await popup.close();
  await page.close();
});

test('Firefox: a page that replaces the value setter or pretends to be the extension changes nothing', async () => {
  for (const fixture of ['fb-setter-en.html', 'fb-spoof-en.html']) {
    const { page, popup, letter, unchanged } = await hostile(fixture);
    await popup.click('[data-action="fill"]');
    assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'filled', fixture);
    await unchanged();
    assert.equal(norm((await page.evaluate(() => window.__fixture.state())).reason), norm(letter));
    if (fixture === 'fb-setter-en.html') assert.equal(await page.evaluate(() => window.__fixture.hijacked()), 0);
    if (fixture === 'fb-spoof-en.html') {
      const spoof = await page.evaluate(() => window.__fixture.spoof());
      assert.deepEqual([spoof.calls, spoof.reads], [0, 0], "the page's fake shim was never touched");
    }
    await popup.close();
    await page.close();
  }
});

test('Firefox: a form that draws the box anew is read back in the new box', async () => {
  const { page, popup, letter, unchanged } = await hostile('fb-rerender-en.html');
  await popup.click('[data-action="fill"]');
  assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'filled');
  assert.equal((await unchanged()).REASON, letter);
  await popup.close();
  await page.close();
});

test('Firefox: a huge page and a page of forty boxes are filled; nothing else changes', async () => {
  for (const fixture of ['fb-huge-en.html', 'fb-many-boxes-en.html']) {
    const { page, popup, letter, unchanged } = await hostile(fixture);
    await popup.click('[data-action="fill"]');
    assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'filled', fixture);
    assert.equal((await unchanged()).REASON, letter, fixture);
    await popup.close();
    await page.close();
  }
});

test('Firefox: pages that rewrite the letter or lose it in a redrawn box get an honest error, with Copy', async () => {
  for (const [fixture, url, said] of [
    ['fb-rewrite-en.html', FORM, /changed/i],
    ['fb-rerender-en.html', `${FORM}?keep=0`, /removed/i],
  ]) {
    const { page, popup, letter, unchanged } = await hostile(fixture, url);
    await popup.click('[data-action="fill"]');
    assert.equal(await popup.until((s) => s === 'filled' || s === 'error', 'a result'), 'error', fixture);
    assert.match(await popup.ev(`document.querySelector('.notice.error').textContent`), said);
    assert.equal(await popup.ev(`document.querySelectorAll('[data-action="copy"]').length`), 1, 'Copy is offered');
    await unchanged();
    if (fixture === 'fb-rewrite-en.html') {
      assert.equal((await page.evaluate(() => window.__fixture.arrived()))[0], letter, 'the letter was written whole');
    }
    await popup.close();
    await page.close();
  }
});

test('Firefox: damaged storage: the popup starts, says so, and keeps what it cannot read', async () => {
  const { page, tabId } = await f.open(FORMS[0][1], FORMS[0][0]);
  let popup = await f.popup(tabId);
  const damaged = {
    version: 2,
    localeByLang: { fr: 5 },
    details: { name: ['Ann'] },
    letters: [
      { id: 'own-1', title: 'Readable', body: 'I object, in my words.', form: 'ai-objection', locale: 'en' },
      { id: 'own-2', title: null, body: 'x', form: 'ai-objection' },
      'a letter that is a string',
    ],
    theme: { dark: true },
  };
  await popup.ev(`browser.storage.local.set({ settings: ${JSON.stringify(damaged)} }).then(() => true)`);
  await popup.close();
  popup = await f.popup(tabId);
  assert.equal(await popup.state(), 'form');
  assert.equal(await popup.attr('data-storage'), 'kept');
  assert.match(await popup.ev(`document.querySelector('#storage-notice').textContent`), /could not be read: 2\./);
  assert.equal(await popup.ev(`document.querySelectorAll('[data-letter="own-1"]').length`), 1);
  const read = `browser.storage.local.get('settings').then((s) => JSON.stringify(s.settings))`;
  const unreadable = (s) => JSON.stringify([s.letters.slice(1), s.localeByLang.fr, s.details.name, s.theme]);
  const before = unreadable(JSON.parse(await popup.ev(read)));
  // Choosing another letter language is saved, beside what could not be read.
  await popup.ev(`(() => { const s = document.querySelector('#locale'); s.value = 'de'; s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`);
  let now = null;
  for (let i = 0; i < 50; i++) {
    now = JSON.parse(await popup.ev(read));
    if (now.localeByLang.en === 'de') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(now.localeByLang.en, 'de', 'the choice was saved');
  assert.equal(unreadable(now), before, 'what could not be read is stored as it was');
  await popup.ev(`browser.storage.local.remove('settings').then(() => true)`);
  await popup.close();
  await page.close();
});
