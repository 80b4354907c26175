// The website's composer in Firefox ESR (Debian's, puppeteer-core over WebDriver BiDi), as an
// ordinary page and offline (every request but this machine's server is refused): there is no
// `chrome` or `browser` object there, and the same WebAssembly, which imports the extension's
// browser.js, must still load and write the letters, in the page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveSite, plainParagraphs, ROOT } from './www-server.mjs';

const translation = (locale) => JSON.parse(readFileSync(join(ROOT, 'www', 'i18n', `${locale}.json`), 'utf8'));

let server;
let browser;
const escaped = [];
const problems = [];

before(async () => {
  server = await serveSite();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: { 'intl.accept_languages': 'fr-FR, fr, en' },
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  assert.deepEqual(escaped, [], 'requests that would have left the machine');
  assert.deepEqual(problems, [], 'page errors');
});

async function open(path) {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    // data: URLs (Firefox's own built-in fonts among them) never leave the machine.
    if (request.url().startsWith(server.origin + '/') || request.url().startsWith('data:')) return request.continue();
    escaped.push(request.url());
    return request.abort();
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(`${server.origin}/${path}`);
  return page;
}

const letter = (page) => page.$eval('[data-output]', (e) => e.value);

function assertLetter(text, locale, id) {
  for (const p of plainParagraphs(locale, id)) assert.ok(text.includes(p), `${locale}/${id}: "${p.slice(0, 60)}…"`);
  assert.doesNotMatch(text, /[{}[\]]/);
}

test('Firefox: the composer starts on an ordinary page, takes the language a link asks for, and switches', async () => {
  const page = await open('composer.html?lang=fr');
  await page.waitForSelector('#composer[data-ready]');
  assert.equal(await page.evaluate(() => typeof globalThis.chrome + ' ' + typeof globalThis.browser), 'undefined undefined',
    'no extension API on this page');
  assert.equal(await page.$eval('select[name="lang"]', (e) => e.value), 'fr', 'French, as the link asks');
  assertLetter(await letter(page), 'fr', 'short');
  await page.select('select[name="lang"]', 'de');
  await page.click('[data-letter="professional"]');
  assertLetter(await letter(page), 'de', 'professional');
  await page.click('input[name="platform"][value="instagram"]');
  assert.equal(await page.$eval('[data-form-link]', (e) => e.href), 'https://help.instagram.com/contact/767264225370182');
  await page.close();
});

test('Firefox: the composer in German and in Finnish, offline, in the page\'s language (the browser prefers French)', async () => {
  for (const locale of ['de', 'fi']) {
    const tr = translation(locale);
    const page = await open(`${locale}/composer.html`);
    await page.waitForSelector('#composer[data-ready]');
    assert.equal(await page.$eval('html', (e) => e.lang), locale);
    assert.equal(await page.$eval('label[for="residence"]', (e) => e.textContent.trim()), tr['composer.residence_label']);
    assert.equal(await page.$eval('[data-action="copy"]', (e) => e.textContent.trim()), tr['composer.copy']);
    assert.ok(await page.$eval('[data-output]', (e) => e.value.length > 200), `${locale}: a letter is written`);
    // The residence choice is filled, and the letter starts in the page's language.
    assert.ok(await page.$$eval('#residence option', (o) => o.length > 30), `${locale}: the countries`);
    assert.equal(await page.$eval('select[name="lang"]', (e) => e.value), locale, `${locale}: the page's language, not the browser's`);
    assertLetter(await letter(page), locale, 'short');
    await page.select('#residence', locale === 'de' ? 'AT' : 'FI');
    await page.click('[data-letter="family"]');
    assertLetter(await letter(page), locale, 'family');
    await page.close();
  }
});
