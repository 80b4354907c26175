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
