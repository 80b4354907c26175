// The website (dist/www) in headless Chromium, served by a small HTTP server on 127.0.0.1: the
// composer writes the same letters as the extension, follows the person's choices, copies, and
// links to the right form; every page works at 360 px, by keyboard, without JavaScript (but the
// composer), passes axe-core, and no request goes anywhere but this machine's server. These tests
// use the English pages at the root; www-i18n.test.mjs checks every language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { screenshotPath } from './harness.mjs';
import { serveSite, plainParagraphs, SITE, ROOT as root } from './www-server.mjs';
import { readResidences } from '../../tools/site.mjs';

const PAGES = ['index.html', 'composer.html', 'guide.html', 'privacy.html'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FORMS = {
  facebook: 'https://www.facebook.com/help/contact/712876720715583',
  instagram: 'https://help.instagram.com/contact/767264225370182',
  'third-party-data': 'https://www.facebook.com/help/contact/510058597920541',
};

// Meta's forms and Accounts Center, and the data protection authorities the guide lists.
const LINKED_HOSTS = new Set(['www.facebook.com', 'help.instagram.com', 'accountscenter.facebook.com',
  ...readResidences().map((r) => new URL(r.complaint).host)]);

let server;
let origin;
let browser;
const requests = [];   // every request any page made
const escaped = [];    // requests to anywhere but our server (aborted)
const problems = [];   // console errors (CSP violations among them) and page errors

before(async () => {
  server = await serveSite();
  origin = server.origin;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  assert.ok(requests.length > 0, 'requests were recorded');
  assert.deepEqual(escaped, [], 'requests that would have left the machine');
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin + '/')), [], 'only our server was asked');
  assert.deepEqual(problems, [], 'console errors or page errors (a CSP violation is one)');
});

async function context(options = {}) {
  const ctx = await browser.newContext({ locale: 'en-US', ...options });
  ctx.on('request', (r) => requests.push(r.url()));
  await ctx.route(() => true, (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    escaped.push(url);
    return route.abort();
  });
  ctx.on('page', (page) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  });
  return ctx;
}

// The composer page at the root (English), or in a locale's folder (`dir`: 'de/').
async function composer(ctx, query = '', dir = '') {
  const page = await ctx.newPage();
  await page.goto(`${origin}/${dir}composer.html${query}`);
  await page.waitForSelector('#composer[data-ready]');
  return page;
}

const output = (page) => page.locator('[data-output]').inputValue();

function assertLetter(text, locale, id) {
  const paragraphs = plainParagraphs(locale, id);
  assert.ok(paragraphs.length >= 3, `${locale}/${id} has plain paragraphs to compare`);
  for (const p of paragraphs) assert.ok(text.includes(p), `${locale}/${id}: "${p.slice(0, 60)}…" in the letter`);
  assert.doesNotMatch(text, /[{}[\]]/, 'no placeholder or bracket left');
}

test('the composer at the root starts in English with the first reason for Facebook, and the form link', async () => {
  const ctx = await context();
  const page = await composer(ctx);
  assert.equal(await page.locator('select[name="lang"]').inputValue(), 'en');
  assert.equal(await page.locator('select[name="lang"] option').count(), 28, 'all 28 letter languages');
  assert.equal(await page.locator('input[name="platform"]:checked').inputValue(), 'facebook');
  assert.equal(await page.locator('[data-letter]').count(), 6, 'six reasons for the objection form');
  assert.equal(await page.locator('input[name="letter"]:checked').inputValue(), 'short');
  assertLetter(await output(page), 'en', 'short');
  assert.equal(await page.getAttribute('[data-form-link]', 'href'), FORMS.facebook);
  assert.match(await page.locator('#count').innerText(), /^\d[\d,]* characters$/);
  await ctx.close();
});

test('the page\'s language presets the letter language (de/ → German, pt-br/ → Brazilian), whatever the browser\'s', async () => {
  for (const [locale, dir, lang] of [['en-US', 'de/', 'de'], ['ja-JP', 'pt-br/', 'pt-br'], ['de-DE', 'fi/', 'fi'], ['de-DE', '', 'en']]) {
    const ctx = await context({ locale });
    const page = await composer(ctx, '', dir);
    assert.equal(await page.locator('select[name="lang"]').inputValue(), lang, `${dir || 'root'} with ${locale}`);
    assertLetter(await output(page), lang, 'short');
    assert.equal(await page.getAttribute('[data-output]', 'lang'), lang);
    await page.selectOption('select[name="lang"]', 'sv');
    assertLetter(await output(page), 'sv', 'short');
    await ctx.close();
  }
});

test('switching the language changes the letter and keeps the reason', async () => {
  const ctx = await context();
  const page = await composer(ctx);
  await page.click('[data-letter="family"]');
  await page.selectOption('select[name="lang"]', 'de');
  const de = await output(page);
  assertLetter(de, 'de', 'family');
  assert.equal(await page.locator('input[name="letter"]:checked').inputValue(), 'family');
  await page.selectOption('select[name="lang"]', 'fr');
  const fr = await output(page);
  assert.notEqual(fr, de);
  assertLetter(fr, 'fr', 'family');
  assert.equal(await page.getAttribute('#reasons', 'lang'), 'fr', 'the reasons are marked as French');
  await ctx.close();
});

test('choosing a reason shows its letter', async () => {
  const ctx = await context();
  const page = await composer(ctx);
  for (const id of ['situation', 'creator', 'sensitive', 'professional']) {
    await page.click(`[data-letter="${id}"]`);
    assertLetter(await output(page), 'en', id);
    assert.equal(await page.getAttribute('#composer', 'data-reason'), id);
  }
  await ctx.close();
});

test('each platform links to its form; the third-party form gets its own letter', async () => {
  const ctx = await context();
  const page = await composer(ctx);
  await page.click('[data-letter="creator"]');
  await page.check('input[name="platform"][value="instagram"]');
  assert.equal(await page.getAttribute('[data-form-link]', 'href'), FORMS.instagram);
  assert.match(await page.locator('[data-form-link]').innerText(), /Instagram/);
  assertLetter(await output(page), 'en', 'creator');
  await page.check('input[name="platform"][value="third-party-data"]');
  assert.equal(await page.getAttribute('[data-form-link]', 'href'), FORMS['third-party-data']);
  assert.equal(await page.locator('[data-letter]').count(), 1);
  assertLetter(await output(page), 'en', 'third-party');
  await page.check('input[name="platform"][value="facebook"]');
  assert.equal(await page.getAttribute('[data-form-link]', 'href'), FORMS.facebook);
  assert.equal(await page.locator('[data-letter]').count(), 6);
  assert.equal(await page.getAttribute('[data-form-link]', 'target'), '_blank');
  assert.match(await page.getAttribute('[data-form-link]', 'rel'), /noreferrer/);
  await ctx.close();
});

test('links from the guide preselect platform, language and reason', async () => {
  const ctx = await context();
  const page = await composer(ctx, '?platform=instagram&lang=it&reason=family');
  assert.equal(await page.locator('input[name="platform"]:checked').inputValue(), 'instagram');
  assert.equal(await page.locator('select[name="lang"]').inputValue(), 'it');
  assertLetter(await output(page), 'it', 'family');
  const odd = await composer(ctx, '?platform=%3Cb%3E&lang=xx&reason=..%2F');
  assert.equal(await odd.locator('input[name="platform"]:checked').inputValue(), 'facebook');
  assertLetter(await output(odd), 'en', 'short');
  await ctx.close();
});

test('details go into the letter as plain text; an edited letter is kept', async () => {
  const ctx = await context();
  const page = await composer(ctx);
  const name = '<img src="/x.png" onerror="alert(1)">Ana & <b>Silva</b>';
  await page.click('.details summary');
  await page.fill('#detail-name', name);
  await page.fill('#detail-account', 'ana.silva');
  const text = await output(page);
  assert.ok(text.includes(name), 'the name exactly as typed');
  assert.ok(text.includes('ana.silva'));
  assert.equal(await page.locator('img[src="/x.png"]').count(), 0, 'no markup became an element');
  assert.ok(!requests.some((u) => u.endsWith('/x.png')), 'nothing was loaded from the name');
  await page.selectOption('select[name="lang"]', 'es');
  assert.ok((await output(page)).includes(name), 'details stay when the language changes');

  await page.fill('[data-output]', 'My own words.');
  await page.fill('#detail-account', 'ana.s');
  assert.equal(await output(page), 'My own words.', 'typed text is not written over');
  assert.equal(await page.locator('#count').innerText(), '13 characters');
  await ctx.close();
});

test('Copy puts the letter, with the person\'s edits, on the clipboard', async () => {
  const ctx = await context();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await composer(ctx);
  // The letter cites the law of where the person lives: a WebAssembly that asks for it gets it.
  await page.selectOption('#residence', 'PT');
  await page.click('[data-letter="sensitive"]');
  await page.click('[data-action="copy"]');
  await page.waitForFunction(() => document.querySelector('#status').textContent !== '');
  await page.waitForFunction((t) => navigator.clipboard.readText().then((c) => c === t), await output(page));
  const edited = (await output(page)).replace('Hello,', 'Dear Meta,');
  await page.fill('[data-output]', edited);
  await page.click('[data-action="copy"]');
  await page.waitForFunction((t) => navigator.clipboard.readText().then((c) => c === t), edited);
  assert.equal(await page.getAttribute('#status', 'role'), 'status');
  await page.click('[data-letter="family"]');
  assert.equal(await page.locator('#status').textContent(), '', 'a new letter is not the copied one');
  await ctx.close();
});

test('the composer works by keyboard alone', async () => {
  const ctx = await context();
  const page = await composer(ctx);
  // Copy first asks where the person lives (and goes back to that choice) where the WebAssembly asks.
  await page.selectOption('#residence', 'IE');
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const what = await page.evaluate(() => {
      const e = document.activeElement;
      return e.getAttribute('name') || e.getAttribute('data-action') || (e.hasAttribute('data-form-link') ? 'form-link' : '')
        || (e.hasAttribute('data-output') ? 'output' : '') || e.tagName.toLowerCase();
    });
    reached.add(what);
    if (what === 'copy') {
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#status').textContent !== '');
    }
  }
  for (const want of ['platform', 'residence', 'lang', 'letter', 'own', 'summary', 'output', 'copy', 'form-link']) {
    assert.ok(reached.has(want), `${want} is reachable by Tab (reached: ${[...reached].join(', ')})`);
  }
  // Arrow keys move through the reasons, and the letter follows.
  await page.focus('input[name="letter"]:checked');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('input[name="letter"]:checked').inputValue(), 'situation');
  assertLetter(await output(page), 'en', 'situation');
  await ctx.close();
});

test('every page fits a 360 px phone screen without sideways scrolling', async () => {
  const ctx = await context({ viewport: { width: 360, height: 740 } });
  for (const path of PAGES) {
    const page = await ctx.newPage();
    await page.goto(`${origin}/${path}`);
    if (path === 'composer.html') {
      await page.waitForSelector('#composer[data-ready]');
      await page.click('.details summary');
    }
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    assert.ok(fits, `${path}: no horizontal scroll at 360 px`);
    if (path === 'composer.html') {
      for (const selector of ['select[name="lang"]', '[data-output]', '[data-action="copy"]', '[data-form-link]']) {
        const box = await page.locator(selector).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${selector} inside the screen`);
      }
      await page.screenshot({ path: screenshotPath('www-composer-360.png'), fullPage: true });
    }
    await page.close();
  }
  await ctx.close();
});

test('without JavaScript the pages are readable and the composer page points to the guide', async () => {
  const ctx = await context({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  const expect = {
    'index.html': [/Object to Meta using your posts for AI/, /Install the extension/, /Nothing leaves your device/],
    'guide.html': [/Accounts Center/, /going forward/, /code from your email/, /third-party/],
    'privacy.html': [/nothing leaves your device/, /Permissions and why/],
    'composer.html': [/needs JavaScript/, /step-by-step guide/],
  };
  for (const [path, patterns] of Object.entries(expect)) {
    await page.goto(`${origin}/${path}`);
    const text = await page.locator('main').innerText();
    for (const p of patterns) assert.match(text, p, `${path} without JavaScript`);
  }
  assert.equal(await page.locator('#composer').isVisible(), false, 'the composer stays hidden');
  assert.equal(await page.locator('noscript a[href="guide.html"]').count(), 1);
  await ctx.close();
});

test('axe-core finds no accessibility violation on any page, light or dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const ctx = await context({ colorScheme: scheme });
    for (const path of PAGES) {
      const page = await ctx.newPage();
      await page.goto(`${origin}/${path}`);
      if (path === 'composer.html') {
        await page.waitForSelector('#composer[data-ready]');
        await page.click('.details summary');
      }
      // Injected through the debugger protocol, so the page's CSP is not what lets it run.
      await page.evaluate(AXE);
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      });
      assert.deepEqual(found, [], `${path} (${scheme}): ${found.join('\n')}`);
      await page.close();
    }
    await ctx.close();
  }
});

test('every page has a strict CSP and nothing inline; the site ships what it links', () => {
  for (const path of PAGES) {
    const html = readFileSync(join(SITE, path), 'utf8');
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
    assert.ok(csp, `${path} has a CSP`);
    const rules = Object.fromEntries(csp[1].split(';').map((r) => r.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    assert.equal(rules['default-src'], "'self'", path);
    assert.equal(rules['style-src'], "'self'", path);
    assert.equal(rules['object-src'], "'none'", path);
    assert.equal(rules['base-uri'], "'none'", path);
    assert.equal(rules['form-action'], "'none'", path);
    // The root's pages load lang.js (the offer of the browser's language); the composer its WebAssembly.
    assert.ok(["'self' 'wasm-unsafe-eval'", "'self'", "'none'"].includes(rules['script-src']), `${path} script-src`);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${path}: no inline script`);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, `${path}: no inline style or handler`);
    assert.doesNotMatch(html, /src="(https?:)?\/\//, `${path}: loads nothing from elsewhere`);
    for (const [, url] of html.matchAll(/href="((?:https?:)?\/\/[^"]+)"/g)) {
      assert.ok(LINKED_HOSTS.has(new URL(url, 'https://x/').host), `${path}: links only to Meta and the authorities (${url})`);
    }
    for (const [, ref] of html.matchAll(/(?:src|href)="(?!https?:|#|mailto:)([^"?#]+)/g)) {
      assert.ok(existsSync(join(SITE, ref)), `${path}: ${ref} is in dist/www`);
    }
  }
  for (const f of ['pkg/objection.js', 'pkg/objection_bg.wasm', 'composer.js', 'lang.js', 'site.css']) {
    assert.ok(existsSync(join(SITE, f)), f);
  }
});

test('the privacy page carries every section of PRIVACY.md', () => {
  const md = readFileSync(join(root, 'PRIVACY.md'), 'utf8');
  const html = readFileSync(join(SITE, 'privacy.html'), 'utf8').replace(/\s+/g, ' ').replace(/’/g, "'");
  const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
  assert.ok(headings.length >= 4);
  for (const h of headings) assert.ok(html.includes(`>${h.replace(/’/g, "'")}</h2>`), `section "${h}"`);
  for (const p of ['Removing the extension removes them.', 'It never presses Meta\'s Send button and never changes any other field.']) {
    assert.ok(md.replace(/\s+/g, ' ').includes(p), `PRIVACY.md still says: ${p}`);
    assert.ok(html.includes(p), `privacy.html says: ${p}`);
  }
});
