// When the WebAssembly cannot load or start, the popup and the options page say so in the
// interface's language (extension/app.js), in place of the English line their HTML holds; on a
// normal start the core draws the page over that line. Headless Chromium in German.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, settled, sealed } from './harness.mjs';

const messages = (locale) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const FAILED = messages('de').startFailed.message;
const STATIC = 'Starting…';

let b;
before(async () => { b = await launch({ locale: 'de' }); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

// Opens an extension page with the WebAssembly's download refused, and returns it with its <main>.
async function withoutWasm(path) {
  const page = await b.ctx.newPage();
  let refused = 0;
  await page.route('**/objection_bg.wasm', (route) => { refused++; return route.abort(); });
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  await page.waitForFunction((text) => document.querySelector('main').textContent === text, FAILED);
  assert.ok(refused >= 1, 'the WebAssembly was asked for, and refused');
  return page;
}

test('the popup without its WebAssembly: the localized "could not start" text', async () => {
  assert.ok(FAILED.length > 20 && !FAILED.includes('extension could not'), `a German text: ${FAILED}`);
  const popup = await withoutWasm('popup.html');
  const app = popup.locator('#app');
  assert.equal(await app.innerText(), FAILED);
  assert.equal(await app.getAttribute('data-state'), 'loading', 'the core never set a state');
  await popup.close();
});

test('the options page without its WebAssembly: the same text', async () => {
  const options = await withoutWasm('options.html');
  assert.equal(await options.locator('#options').innerText(), FAILED);
  await options.close();
});

test('on a normal start the core draws over the static line', async () => {
  for (const [path, root] of [['popup.html', '#app'], ['options.html', '#options']]) {
    const page = await b.extensionPage(path);
    const html = readFileSync(new URL(`../../extension/${path}`, import.meta.url), 'utf8');
    assert.ok(html.includes(STATIC), `${path} holds the static line`);
    if (root === '#app') await settled(page);
    else await page.waitForSelector('#options form, #options section');
    const text = await page.locator(root).innerText();
    assert.ok(!text.includes(STATIC) && !text.includes(FAILED), `${path}: ${text.slice(0, 80)}`);
    await page.close();
  }
});
