// Nothing the person saves is lost when several of the extension's pages are open: each change
// is applied to what is stored now and writes only its own part, and every open page follows
// what another page saved.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sealed } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

const FORM = 'https://www.facebook.com/help/contact/6359191084165019';

async function stored(page) {
  return page.evaluate(async () => (await chrome.storage.local.get('settings')).settings || {});
}

async function clear(page) {
  await page.evaluate(() => chrome.storage.local.clear());
}

async function options() {
  const page = await b.extensionPage('options.html');
  await page.waitForSelector('#options[data-storage="ok"]');
  return page;
}

async function saveLetter(page, title) {
  await page.click('[data-action="new-letter"]');
  await page.fill('#letter-title', title);
  await page.fill('#letter-body', `${title}: I object, in my own words.`);
  await page.click('[data-action="save-letter"]');
  await page.waitForSelector(`[data-own-letter]:has-text("${title}")`);
}

async function setName(popup, name) {
  if (!(await popup.locator('details.my-details[open]').count())) await popup.click('details.my-details summary');
  await popup.fill('#detail-name', name);
  await popup.locator('#detail-name').blur();
}

const titles = (s) => (s.letters || []).map((l) => l.title).sort();

test('options page open, then the popup saves a detail, then the options page saves a letter: both kept', async () => {
  const opt = await options();
  await clear(opt);
  await opt.reload();
  await opt.waitForSelector('#options[data-storage="ok"]');
  const { page, tabId } = await b.open(FORM, 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  await setName(popup, 'Alice Example');
  await opt.waitForFunction(() => document.querySelector('#detail-name')?.value === 'Alice Example');
  await saveLetter(opt, 'Letter A');
  const s = await stored(opt);
  assert.equal(s.details.name, 'Alice Example', 'the popup\'s detail survives the options page\'s save');
  assert.deepEqual(titles(s), ['Letter A']);
  await popup.close();
  await page.close();
  await opt.close();
});

test('popup open, then the options page saves a letter, then the popup saves a detail: both kept', async () => {
  const opt = await options();
  await clear(opt);
  const { page, tabId } = await b.open(FORM, 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  await opt.reload();
  await opt.waitForSelector('#options[data-storage="ok"]');
  await saveLetter(opt, 'Letter B');
  // The popup follows: the new letter is offered without reopening it.
  await popup.waitForSelector('[data-letter^="own-"]');
  await setName(popup, 'Bob Example');
  await popup.waitForTimeout(300);
  const s = await stored(opt);
  assert.deepEqual(titles(s), ['Letter B'], 'the options page\'s letter survives the popup\'s save');
  assert.equal(s.details.name, 'Bob Example');
  await popup.close();
  await page.close();
  await opt.close();
});

test('two options pages: letters saved in each are both kept, and each page shows both', async () => {
  const one = await options();
  await clear(one);
  await one.reload();
  await one.waitForSelector('#options[data-storage="ok"]');
  const two = await options();
  await saveLetter(one, 'Letter One');
  await saveLetter(two, 'Letter Two');
  assert.deepEqual(titles(await stored(one)), ['Letter One', 'Letter Two']);
  await one.waitForSelector('[data-own-letter]:has-text("Letter Two")');
  assert.equal(await one.locator('[data-own-letter]').count(), 2);
  // A letter being written in one page is kept as typed while the other page saves.
  await one.click('[data-action="new-letter"]');
  await one.fill('#letter-title', 'Half written');
  await two.click(`[data-own-letter]:has-text("Letter One") [data-action="delete"]`);
  await one.waitForFunction(() => document.querySelectorAll('[data-own-letter]').length === 1);
  assert.equal(await one.locator('#letter-title').inputValue(), 'Half written');
  assert.deepEqual(titles(await stored(one)), ['Letter Two']);
  await clear(one);
  await one.close();
  await two.close();
});
