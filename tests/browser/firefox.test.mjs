// The extension in Firefox ESR: installs, recognises the forms, and fills them as in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox } from './firefox-harness.mjs';
import { norm } from './harness.mjs';

let f;
before(async () => { f = await launchFirefox(); });
after(async () => {
  const { escaped, submitted } = f;
  await f.close();
  assert.deepEqual(escaped, [], 'requests that left the browser');
  assert.deepEqual(submitted, [], 'form submissions');
});

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
