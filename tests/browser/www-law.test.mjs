// The website's composer and where the person lives (issue 15): the law follows the residence,
// the language follows the page; letters that state facts ask for the truth and carry the
// person's own words. Headless Chromium, the built site served on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serveSite } from './www-server.mjs';

let server;
let browser;
before(async () => {
  server = await serveSite();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true });
});
after(async () => {
  await browser.close();
  await server.close();
});

async function composer(path, locale) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.route((url) => !url.href.startsWith(server.origin), (route) => route.abort());
  await page.goto(`${server.origin}${path}`);
  await page.waitForSelector('#composer[data-ready]');
  return page;
}
const letter = (page) => page.locator('[data-output]').inputValue();

test('a browser that names no listed country: Copy asks where the person lives; Switzerland gives the FADP, another country no law', async () => {
  const page = await composer('/composer.html', 'en-US');
  assert.equal(await page.locator('#residence').inputValue(), '', 'nothing preselected');
  await page.click('[data-action="copy"]');
  assert.match(await page.locator('#status').innerText(), /where you live/i);
  await page.selectOption('#residence', 'CH');
  const swiss = await letter(page);
  assert.match(swiss, /FADP/);
  assert.doesNotMatch(swiss, /GDPR|LGPD/);
  await page.selectOption('#residence', 'other');
  assert.doesNotMatch(await letter(page), /FADP|GDPR|LGPD|Article 21/);
  await page.context().close();
});

test('the German page: German letters, the residence from the browser (de-AT), the truth note and the person\'s own words', async () => {
  const page = await composer('/de/composer.html', 'de-AT');
  assert.equal(await page.locator('select[name="lang"]').inputValue(), 'de', 'the page\'s language');
  assert.equal(await page.locator('#residence').inputValue(), 'AT');
  assert.equal((await page.locator('#residence option[value="AT"]').innerText()).trim(), 'Österreich');
  assert.match(await letter(page), /DSGVO/);
  assert.ok(await page.locator('#truth').isHidden());
  await page.check('[data-letter="family"] input');
  assert.ok(await page.locator('#truth').isVisible(), 'the family letter: only if it is true');
  const own = 'Meine Tochter ist sieben und auf den meisten meiner Fotos.';
  await page.fill('#own', own);
  assert.ok((await letter(page)).includes(own));
  // Living in the United Kingdom changes the law, not the language.
  await page.selectOption('#residence', 'GB');
  const uk = await letter(page);
  assert.match(uk, /UK-DSGVO/);
  assert.ok(uk.includes(own), 'the own words stay');
  await page.context().close();
});
