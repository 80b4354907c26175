// The website's composer in Firefox ESR (Debian's, puppeteer-core over WebDriver BiDi), as an
// ordinary page: there is no `chrome` or `browser` object there, and the same WebAssembly, which
// imports the extension's browser.js, must still load and write the letters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { serveSite, plainParagraphs } from './www-server.mjs';

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

test('Firefox: the composer starts on an ordinary page, in the browser language, and switches', async () => {
  const page = await open('composer.html');
  await page.waitForSelector('#composer[data-ready]');
  assert.equal(await page.evaluate(() => typeof globalThis.chrome + ' ' + typeof globalThis.browser), 'undefined undefined',
    'no extension API on this page');
  assert.equal(await page.$eval('select[name="lang"]', (e) => e.value), 'fr', 'French from the browser languages');
  assertLetter(await letter(page), 'fr', 'short');
  await page.select('select[name="lang"]', 'de');
  await page.click('[data-letter="professional"]');
  assertLetter(await letter(page), 'de', 'professional');
  await page.click('input[name="platform"][value="instagram"]');
  assert.equal(await page.$eval('[data-form-link]', (e) => e.href), 'https://help.instagram.com/contact/767264225370182');
  await page.close();
});
