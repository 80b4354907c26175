// Damaged, partial and future-version storage, in headless Chromium with the built extension:
// the popup and the options page start, say what could not be read, show what could, and never
// write over what could not be read unless the person deletes it after being asked. A failed
// import changes nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, settled, screenshotPath } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let b;
before(async () => { b = await launch(); });
after(async () => {
  const { escaped, submitted } = b;
  await b.close();
  assert.deepEqual(escaped, [], 'requests that left the browser');
  assert.deepEqual(submitted, [], 'form submissions');
});

const FORM_URL = 'https://www.facebook.com/help/contact/6359191084165019';
const FORM_FIXTURE = 'fb-2024-en-react.html';

const stored = (page) => page.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
const store = (page, value) => page.evaluate(async (v) => { await chrome.storage.local.set({ settings: v }); }, value);
const clear = (page) => page.evaluate(async () => { await chrome.storage.local.remove('settings'); });
const text = (page, selector) => page.locator(selector).allInnerTexts().then((t) => t.join('\n'));

// The options page, freshly loaded over `value` in storage.
async function optionsOver(value) {
  const options = await b.extensionPage('options.html');
  await store(options, value);
  await options.reload();
  await options.waitForSelector('#options[data-storage]');
  return options;
}

const DAMAGED = {
  version: 2,
  localeByLang: { de: 'en', fr: 5 },
  details: { name: 'Ann', residence: ['MT'], shoeSize: 42 },
  letters: [
    { id: 'own-1', title: 'Readable letter', body: 'I object, in my words.[ {name}]', form: 'ai-objection', locale: 'en' },
    { id: 'own-2', title: 7, body: 'a title that is a number', form: 'ai-objection' },
    'a letter that is a string \u200f\u0301 <b>',
    { id: 'own-3', title: 'Second readable', body: 'Mine.', form: 'third-party-data', locale: 'de' },
  ],
  theme: { dark: true, sizes: [1, 2.5, null] },
};

// Each entry that cannot be read, as JSON text, and where it stands in what is stored.
function unreadable(s) {
  return {
    letters: s.letters.filter((l) => typeof l !== 'object' || typeof l.title !== 'string').map((l) => JSON.stringify(l)),
    fr: JSON.stringify(s.localeByLang.fr),
    residence: JSON.stringify(s.details.residence),
    shoeSize: JSON.stringify(s.details.shoeSize),
    theme: JSON.stringify(s.theme),
  };
}

test('damaged entries: both pages start, say so, show the rest, and keep them through edits', async () => {
  const options = await optionsOver(DAMAGED);
  assert.equal(await options.getAttribute('#options', 'data-storage'), 'kept');
  const said = await text(options, '#storage .notice');
  assert.match(said, /Saved letters that could not be read: 2\./);
  assert.match(said, /Saved language choices that could not be read: 1\./);
  assert.match(said, /Saved details that could not be read: 2\./);
  assert.equal(await options.locator('[data-own-letter]').count(), 2, 'the readable letters are there');
  assert.equal(await options.locator('#detail-name').inputValue(), 'Ann');

  // The popup starts on the form, says it too, and offers the readable letter.
  const { page, tabId } = await b.open(FORM_URL, FORM_FIXTURE);
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  assert.equal(await popup.getAttribute('#app', 'data-storage'), 'kept');
  assert.match(await text(popup, '#storage-notice'), /Saved letters that could not be read: 2\./);
  assert.equal(await popup.locator('[data-letter="own-1"]').count(), 1);
  await popup.close();
  await page.close();

  // Edits: a letter, a detail. What could not be read stays, byte for byte (as the browser's
  // storage holds it: Chromium keeps an object's keys sorted).
  const before = unreadable(await stored(options));
  assert.deepEqual(Object.values(before).flat().length, 6);
  await options.click('[data-own-letter="own-1"] [data-action="edit"]');
  await options.fill('#letter-title', 'Readable letter, edited');
  await options.click('[data-action="save-letter"]');
  await options.waitForSelector('#notice-shown .notice.ok >> text=Letter saved');
  await options.fill('#detail-account', 'ann@example.com');
  await options.locator('#detail-account').blur();
  await options.waitForSelector('#notice-shown .notice.ok >> text=Your details are saved');
  let now = await stored(options);
  assert.deepEqual(unreadable(now), before, 'unreadable entries kept exactly');
  assert.equal(now.letters.find((l) => l.id === 'own-1').title, 'Readable letter, edited');
  assert.equal(now.details.account, 'ann@example.com');

  // A detail of the same name as an unreadable one is not saved over it: the person is told.
  await options.selectOption('#residence', 'MT');
  await options.waitForSelector('#notice-shown .notice.error >> text=would replace saved data');
  now = await stored(options);
  assert.deepEqual(unreadable(now), before, 'nothing replaced');

  // A failed import changes nothing stored.
  const dir = mkdtempSync(join(tmpdir(), 'objection-storage-'));
  const bytes = JSON.stringify(await stored(options));
  for (const [name, content] of [
    ['broken.json', '{ "format": "objection-helper-letters", '],
    ['partly.json', JSON.stringify({ format: 'objection-helper-letters', version: 1, letters: [{ title: 'Fine', body: 'ok', form: 'ai-objection' }, { title: 'Bad', body: '', form: 'ai-objection' }] })],
  ]) {
    const file = join(dir, name);
    writeFileSync(file, content);
    await options.setInputFiles('#import-file', file);
    await options.waitForSelector('#notice-shown .notice.error >> text=Nothing was imported');
    assert.equal(JSON.stringify(await stored(options)), bytes, `${name} changed nothing stored`);
  }

  // Deleting what could not be read is asked first; "keep it" keeps it.
  await options.click('[data-action="discard"]');
  await options.click('[data-action="discard-cancel"]');
  assert.equal(JSON.stringify(await stored(options)), bytes, 'cancelled: nothing deleted');
  await options.click('[data-action="discard"]');
  await options.click('[data-action="discard-confirm"]');
  await options.waitForSelector('#options[data-storage="ok"]');
  now = await stored(options);
  assert.equal(now.letters.length, 2);
  assert.ok(now.letters.every((l) => typeof l.title === 'string'), 'only readable letters are left');
  assert.equal(now.localeByLang.fr, undefined);
  assert.equal(now.theme, undefined);
  assert.equal(await options.locator('#storage').count(), 0, 'nothing more to say');
  await clear(options);
  await options.close();
});

test('storage that is not settings at all: read nothing, say so, write nothing', async () => {
  const junk = 'settings\u0000 that are a string';
  const options = await optionsOver(junk);
  assert.equal(await options.getAttribute('#options', 'data-storage'), 'unreadable');
  assert.match(await text(options, '#storage .notice'), /could not be read/);
  await options.fill('#detail-name', 'Ann');
  await options.locator('#detail-name').blur();
  await options.waitForSelector('#notice-shown .notice.error');
  assert.equal(await stored(options), junk, 'left as it was');

  const { page, tabId } = await b.open(FORM_URL, FORM_FIXTURE);
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form', 'the popup still works');
  assert.equal(await popup.getAttribute('#app', 'data-storage'), 'unreadable');
  assert.match(await text(popup, '#storage-notice'), /could not be read/);
  await popup.close();
  await page.close();
  assert.equal(await stored(options), junk, 'the popup wrote nothing either');
  await clear(options);
  await options.close();
});

test('settings of a newer version are shown and never written', async () => {
  const newer = {
    version: 9,
    letters: [
      { id: 'own-1', title: 'From the future', body: 'I object.', form: 'ai-objection', locale: 'en', tags: ['x'] },
      { id: 'own-2', title: 'Unknown form', body: 'x', form: 'a-form-of-the-future' },
    ],
    details: { name: 'Ann' },
    somethingNew: { a: 1 },
  };
  const options = await optionsOver(newer);
  assert.equal(await options.getAttribute('#options', 'data-storage'), 'newer');
  assert.match(await text(options, '#storage .notice'), /newer version/);
  assert.equal(await options.locator('[data-own-letter]').count(), 1);
  assert.equal(await options.locator('[data-action="discard"]').count(), 0, 'not ours to delete');
  const bytes = JSON.stringify(await stored(options));
  await options.click('[data-own-letter="own-1"] [data-action="delete"]');
  await options.waitForSelector('#notice-shown .notice.error');
  assert.equal(JSON.stringify(await stored(options)), bytes, 'nothing written');
  await clear(options);
  await options.close();
});

test('axe: the storage notices and the delete confirmation, light and dark', async () => {
  const { page, tabId } = await b.open(FORM_URL, FORM_FIXTURE);
  const options = await optionsOver(DAMAGED);
  const popup = await b.popup(tabId);
  await popup.waitForSelector('#storage-notice');
  for (const scheme of ['light', 'dark']) {
    for (const [what, p] of [['popup', popup], ['options', options]]) {
      await p.emulateMedia({ colorScheme: scheme });
      await p.evaluate(AXE);
      const found = await p.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
        .violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
      assert.deepEqual(found, [], `${what} (${scheme}): ${found.join('\n')}`);
    }
    await options.click('[data-action="discard"]');
    await options.waitForSelector('[data-action="discard-confirm"]');
    assert.equal(await options.evaluate(() => document.activeElement.dataset.action), 'discard-cancel', 'focus on the safe choice');
    const found = await options.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.help}`));
    assert.deepEqual(found, [], `options confirmation (${scheme}): ${found.join('\n')}`);
    await options.setViewportSize({ width: 800, height: 700 });
    await options.screenshot({ path: screenshotPath(`options-storage-${scheme}.png`) });
    await options.click('[data-action="discard-cancel"]');
  }
  await popup.close();
  await page.close();
  await clear(options);
  await options.close();
});
