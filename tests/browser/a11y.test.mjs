// Accessibility and look: axe-core finds no violation in any popup state or on the options page,
// in light and dark mode; the popup works at a phone's width and at 200% zoom; the interface
// follows the browser's language.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, settled, screenshotPath, sealed } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let b;
before(async () => { b = await launch(); });
// No request may leave the browser in any of these tests, and nothing may be submitted.
afterEach(() => sealed(b));
after(async () => { await b.close(); });

// Runs axe-core in the page (through the debugger, so the extension page's CSP is untouched).
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  return result;
}

async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
}

for (const scheme of ['light', 'dark']) {
  test(`axe: every popup state and the options page (${scheme})`, async () => {
    const seen = {};
    const check = async (page, what) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const found = await violations(page);
      assert.deepEqual(found, [], `${what}: ${found.join('\n')}`);
      seen[what] = true;
    };
    // form, confirm-replace, filled
    let { page, tabId } = await b.open('https://www.facebook.com/help/contact/712876720715583', 'fb-typed-en.html');
    let popup = await b.popup(tabId);
    await check(popup, 'form');
    await popup.click('[data-action="fill"]');
    await popup.waitForSelector('#app[data-state="confirm-replace"]');
    await check(popup, 'confirm-replace');
    await popup.click('[data-action="replace"]');
    await popup.waitForSelector('#app[data-state="filled"]');
    await check(popup, 'filled');
    const said = await popup.locator('#announce').textContent();
    assert.match(said, /Send yourself/, 'the live region announces the new state');
    assert.equal(await popup.getAttribute('#announce', 'role'), 'status');
    await popup.click('[data-action="undo"]');
    await popup.waitForSelector('#app[data-state="form"]');
    await popup.close();
    await page.close();
    // error
    ({ page, tabId } = await b.open('https://www.facebook.com/help/contact/712876720715583', 'fb-wipe-en.html'));
    popup = await b.popup(tabId);
    await popup.click('[data-action="fill"]');
    await popup.waitForSelector('#app[data-state="error"]');
    await check(popup, 'error');
    await popup.close();
    await page.close();
    // no-form
    ({ page, tabId } = await b.open('https://www.facebook.com/help/contact/1216349518398524', 'neg-hacked-en.html'));
    popup = await b.popup(tabId);
    await check(popup, 'no-form');
    await popup.close();
    await page.close();
    // loading: the popup before it knows the page
    const loading = await b.extensionPage('popup.html?tab=999999');
    await loading.evaluate(() => document.querySelector('#app').setAttribute('data-state', 'loading'));
    await check(loading, 'loading');
    await loading.close();
    // options page, with the editor open
    const options = await b.extensionPage('options.html');
    await options.waitForSelector('#options[data-storage]');
    await check(options, 'options');
    await options.click('[data-action="new-letter"]');
    await options.waitForSelector('#letter-body');
    await check(options, 'options editor');
    await options.close();
    assert.equal(Object.keys(seen).length, 8);
  });
}

test('the popup at a phone width (360 px) and at 200% zoom: nothing cut off, all usable', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  for (const [width, what] of [[360, 'phone width'], [200, '200% zoom of a 400 px popup']]) {
    await popup.setViewportSize({ width, height: 640 });
    assert.ok(await noHorizontalScroll(popup), `no horizontal scrolling at ${what}`);
    for (const selector of ['[data-action="fill"]', '[data-action="copy"]', '#preview', '#locale']) {
      const box = await popup.locator(selector).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 1, `${selector} inside the ${what}`);
    }
  }
  await popup.setViewportSize({ width: 360, height: 640 });
  await popup.screenshot({ path: screenshotPath('popup-360.png'), fullPage: true });
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.close();
  await page.close();
});

test('the interface follows the browser language, independent of the letter language', async () => {
  const de = await launch({ locale: 'de' }); // Chrome's own UI locale for German
  try {
    const { page, tabId } = await de.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
    const popup = await de.popup(tabId);
    assert.equal(await settled(popup), 'form');
    const messages = JSON.parse(readFileSync(new URL('../../extension/_locales/de/messages.json', import.meta.url), 'utf8'));
    assert.equal(await popup.locator('[data-action="fill"]').innerText(), messages.actionFill.message, 'German interface');
    assert.equal(await popup.getAttribute('html', 'lang'), 'de');
    assert.match(await popup.locator('#preview').inputValue(), /GDPR/, 'the letter stays in the form\'s language (English)');
    await popup.close();
    await page.close();
    sealed(de);
  } finally {
    await de.close();
  }
});
