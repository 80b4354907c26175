// The website in the 28 languages of the letters (dist/www/<locale>/, English also at the root),
// in headless Chromium from a local server: every page of every language is there, in its
// language, with complete hreflang alternates and the language list; every local link and anchor
// resolves; no English is left in translated text; nothing is wider than a 360 px phone; axe-core
// finds nothing in six languages at 360 px and on a desktop; the root offers the browser's
// language without moving anyone; the downloads show their SHA-256; the guide lists the data
// protection authorities of src/rules/residences.toml. And the build refuses broken translations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, cpSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { screenshotPath } from './harness.mjs';
import { serveSite, SITE, ROOT } from './www-server.mjs';
import { LOCALES, PAGES, DEFAULT_LOCALE, ENDONYMS, tag, readResidences, checkTranslations } from '../../tools/site.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FILES = PAGES.map((p) => p.file);
const I18N = join(ROOT, 'www', 'i18n');
const translation = (locale) => JSON.parse(readFileSync(join(I18N, `${locale}.json`), 'utf8'));
const RESIDENCES = readResidences();
// Hosts a page may link to: Meta's forms and Accounts Center, and the data protection authorities.
const HOSTS = new Set(['www.facebook.com', 'help.instagram.com', 'accountscenter.facebook.com',
  ...RESIDENCES.map((r) => new URL(r.complaint).host)]);
// Each folder and its language: the root is English.
const TARGETS = [{ dir: '', locale: DEFAULT_LOCALE }, ...LOCALES.map((l) => ({ dir: `${l}/`, locale: l }))];
// Words that are the same in every language: names of products, laws and authorities.
const NAMES = /\b(Facebook|Instagram|WhatsApp|Meta AI|Meta|Chrome|Edge|Firefox|Android|Safari|SHA-256|GDPR|UK GDPR|LGPD|ANPD|FDPIC|WebAssembly|JavaScript|Brasil|OK)\b/g;

let server;
let origin;
let browser;
const escaped = [];
const problems = [];

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
  assert.deepEqual(escaped, [], 'requests that would have left the machine');
  assert.deepEqual(problems, [], 'console errors or page errors (a CSP violation is one)');
});

async function context(options = {}) {
  const ctx = await browser.newContext({ locale: 'en-US', ...options });
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

// What a page holds, read without JavaScript (as the generator wrote it): its language, its
// alternates and language list, its links and ids, and its translated text and attributes.
function readPage() {
  const skip = (el) => el.closest('[translate="no"], [data-generated], code, script, style')
    || (el.closest('[lang]') && el.closest('[lang]') !== document.documentElement);
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.replace(/\s+/g, ' ').trim();
    if (text && !skip(n.parentElement)) texts.push(text);
  }
  for (const el of document.querySelectorAll('[alt], [aria-label]')) {
    for (const a of ['alt', 'aria-label']) if (el.getAttribute(a) && !skip(el)) texts.push(el.getAttribute(a));
  }
  texts.push(document.title, document.querySelector('meta[name="description"]')?.content ?? '');
  return {
    lang: document.documentElement.lang,
    alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.href]),
    switcher: [...document.querySelectorAll('#languages a[hreflang]')].map((a) => ({
      hreflang: a.hreflang, lang: a.lang, href: a.href, text: a.textContent, current: a.getAttribute('aria-current'),
    })),
    headerLink: document.querySelector('header a[href="#languages"]') !== null,
    links: [...document.querySelectorAll('a[href], link[href], img[src], script[src]')].map((e) => e.href || e.src),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    texts,
  };
}

// Words that are the same in English and in a language (checked by a speaker of it, not missed).
const SAME_AS_ENGLISH = {
  da: ['Send'],
  fr: ['Guide', 'Site', 'guide', 'extension', 'code'],
  it: ['Home', 'Privacy'],
  nb: ['Send'],
  nl: ['Privacy', 'Open', '(in Edge:', 'code'],
  'pt-br': ['Site'],
  ro: ['Site'],
  sv: ['Guide'],
};

// Text that is no leftover even when it equals the English: no letters once names, numbers,
// punctuation and addresses are taken out.
const plain = (text) => !/\p{L}/u.test(text.replace(/\S+\.[a-z]{2,}\S*/g, '').replace(NAMES, ''));

const pages = new Map(); // url (no hash) -> what readPage found

test('every page of every language: there, in its language, with all alternates and the language list', async () => {
  const ctx = await context({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  for (const { dir, locale } of TARGETS) {
    for (const file of FILES) {
      const url = `${origin}/${dir}${file}`;
      const response = await page.goto(url);
      assert.equal(response.status(), 200, url);
      const found = await page.evaluate(readPage);
      pages.set(url, found);
      const where = `${dir}${file}`;
      assert.equal(found.lang, tag(locale), `${where}: <html lang>`);
      assert.deepEqual(found.alternates.sort(), [
        ...LOCALES.map((l) => [tag(l), `${origin}/${l}/${file}`]),
        ['x-default', `${origin}/${file}`],
      ].sort(), `${where}: hreflang alternates`);
      assert.ok(found.headerLink, `${where}: the header links to the language list`);
      assert.equal(found.switcher.length, LOCALES.length, `${where}: every language in the list`);
      for (const s of found.switcher) {
        const l = LOCALES.find((x) => tag(x) === s.hreflang);
        assert.ok(l, `${where}: ${s.hreflang} is a locale`);
        assert.equal(s.lang, s.hreflang, `${where}: the link to ${l} is marked as ${l}`);
        assert.equal(s.href, `${origin}/${l}/${file}`, `${where}: the link to ${l} leads to the same page`);
        assert.equal(s.text, ENDONYMS[l], `${where}: ${l} named in its own language`);
        assert.equal(s.current, l === locale ? 'true' : null, `${where}: aria-current on ${l}`);
      }
    }
  }
  await ctx.close();
});

test('every local link and anchor resolves; other links go only to Meta and the authorities', () => {
  assert.equal(pages.size, TARGETS.length * FILES.length, 'the pages were read');
  for (const [url, found] of pages) {
    for (const link of found.links) {
      const target = new URL(link);
      if (target.origin !== origin) {
        assert.equal(target.protocol, 'https:', `${url}: ${link} is https`);
        assert.ok(HOSTS.has(target.host), `${url}: ${link} goes to Meta or an authority`);
        continue;
      }
      const path = decodeURIComponent(target.pathname).replace(/\/$/, '/index.html');
      assert.ok(existsSync(join(SITE, path)) && statSync(join(SITE, path)).isFile(), `${url}: ${link} is in dist/www`);
      if (target.hash && path.endsWith('.html')) {
        const other = pages.get(`${origin}${path}`);
        assert.ok(other, `${url}: ${link} is a page of the site`);
        assert.ok(other.ids.includes(decodeURIComponent(target.hash.slice(1))), `${url}: ${link}: the anchor exists`);
      }
    }
  }
});

test('no English is left in translated text (text, titles, descriptions, alt and labels)', () => {
  const left = [];
  for (const { dir, locale } of TARGETS) {
    if (locale === 'en' || locale === 'en-gb') continue;
    for (const file of FILES) {
      const english = new Set(pages.get(`${origin}/${file}`).texts);
      for (const text of pages.get(`${origin}/${dir}${file}`).texts) {
        if (english.has(text) && !plain(text) && !SAME_AS_ENGLISH[locale]?.includes(text)) left.push(`${dir}${file}: "${text.slice(0, 80)}"`);
      }
    }
  }
  assert.deepEqual(left, [], `English left in translated pages:\n${left.join('\n')}`);
});

test('every page fits a 360 px screen in every language, with the composer running', async () => {
  const ctx = await context({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const wide = [];
  for (const { dir } of TARGETS) {
    for (const file of FILES) {
      await page.goto(`${origin}/${dir}${file}`);
      if (file === 'composer.html') {
        await page.waitForSelector('#composer[data-ready]');
        await page.click('.details summary');
      }
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return null;
        const culprit = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > width + 1);
        return culprit ? `${culprit.tagName.toLowerCase()}.${culprit.className}: ${culprit.textContent.slice(0, 40)}` : 'the page';
      });
      if (overflow) wide.push(`${dir}${file}: ${overflow}`);
    }
    if (dir === 'de/' || dir === 'fi/' || dir === 'hu/') {
      for (const file of ['index.html', 'guide.html', 'composer.html']) {
        await page.goto(`${origin}/${dir}${file}`);
        if (file === 'composer.html') await page.waitForSelector('#composer[data-ready]');
        await page.screenshot({ path: screenshotPath(`www-${dir.slice(0, -1)}-${file.replace('.html', '')}-360.png`), fullPage: true });
      }
    }
  }
  assert.deepEqual(wide, [], `wider than 360 px:\n${wide.join('\n')}`);
  await ctx.close();
});

test('axe-core finds no violation in six languages, at 360 px and on a desktop', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
    const ctx = await context({ viewport });
    for (const locale of ['en', 'de', 'fi', 'hu', 'pl', 'pt-br']) {
      for (const file of FILES) {
        const page = await ctx.newPage();
        await page.goto(`${origin}/${locale}/${file}`);
        if (file === 'composer.html') {
          await page.waitForSelector('#composer[data-ready]');
          await page.click('.details summary');
        }
        await page.evaluate(AXE);
        const found = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        });
        assert.deepEqual(found, [], `${locale}/${file} at ${viewport.width} px: ${found.join('\n')}`);
        await page.close();
      }
    }
    await ctx.close();
  }
});

test('the composer speaks the page\'s language; its letter language starts as the page\'s and can change', async () => {
  const ctx = await context();
  const english = await ctx.newPage();
  await english.goto(`${origin}/composer.html`);
  await english.waitForSelector('#composer[data-ready]');
  const englishCount = (await english.locator('#count').innerText()).replace(/[\d,.\s]/g, '');
  const englishLink = await english.locator('[data-form-link]').innerText();
  for (const locale of ['de', 'fi', 'hu', 'pl', 'pt-br', 'el', 'ga']) {
    const tr = translation(locale);
    const page = await ctx.newPage();
    await page.goto(`${origin}/${locale}/composer.html`);
    await page.waitForSelector('#composer[data-ready]');
    for (const [selector, key] of [['label[for="residence"]', 'composer.residence_label'], ['label[for="lang"]', 'composer.lang_label'],
      ['#platform legend', 'composer.platform_legend'], ['label[for="own"]', 'composer.own_label'],
      ['[data-action="copy"]', 'composer.copy'], ['.details summary', 'composer.details_summary']]) {
      assert.equal((await page.locator(selector).innerText()).trim(), tr[key], `${locale}: ${selector}`);
    }
    assert.equal(await page.locator('#detail-country').count(), 0, 'the free-text country is gone: #residence replaces it');
    assert.equal(await page.locator('#truth[hidden]').count() + await page.locator('#truth:not([hidden])').count(), 1);
    assert.equal(await page.locator('select[name="lang"]').inputValue(), locale, `${locale}: the letter in the page's language`);
    assert.equal(await page.getAttribute('#reasons', 'lang'), locale);
    const names = new Intl.DisplayNames([tag(locale)], { type: 'region' });
    assert.equal((await page.locator('#residence option[value="DE"]').innerText()).trim(), names.of('DE'), `${locale}: countries in the page's language`);
    assert.notEqual(await page.locator('[data-form-link]').innerText(), englishLink, `${locale}: the form link in the page's language`);
    assert.notEqual((await page.locator('#count').innerText()).replace(/[\d,.\s]/g, ''), englishCount, `${locale}: the count in the page's language`);
    await page.selectOption('select[name="lang"]', 'en');
    assert.equal(await page.getAttribute('#reasons', 'lang'), 'en', `${locale}: still free to write in English`);
    await page.close();
  }
  await ctx.close();
});

test('the root offers the browser\'s language with one link, and moves no one', async () => {
  const cases = [
    [['de-DE', 'de', 'en'], 'de'], [['pt-BR'], 'pt-br'], [['pt-PT'], 'pt'], [['nn-NO'], 'nb'],
    [['fi'], 'fi'], [['en-US', 'de'], null], [['en-GB'], null], [['ja-JP', 'hu-HU'], 'hu'], [['ja-JP'], null],
  ];
  for (const [languages, expected] of cases) {
    const ctx = await context({ locale: languages[0] });
    await ctx.addInitScript((list) => Object.defineProperty(navigator, 'languages', { get: () => list }), languages);
    const page = await ctx.newPage();
    for (const file of ['index.html', 'guide.html']) {
      await page.goto(`${origin}/${file}`);
      assert.equal(page.url(), `${origin}/${file}`, `${languages}: stays on the page`);
      const offer = page.locator('main .lang-offer a');
      if (!expected) {
        assert.equal(await offer.count(), 0, `${languages}: no offer`);
        continue;
      }
      assert.equal(await offer.count(), 1, `${languages}: one offer on ${file}`);
      assert.equal(await offer.getAttribute('href'), `${expected}/${file}`, `${languages}: the same page in ${expected}`);
      assert.equal(await offer.innerText(), translation(expected)['common.offer'], `${languages}: in ${expected}`);
      assert.equal(await page.locator('main .lang-offer').getAttribute('lang'), tag(expected));
    }
    // The locale's own pages offer nothing: the person chose.
    if (expected) {
      await page.goto(`${origin}/${expected}/index.html`);
      assert.equal(await page.locator('.lang-offer').count(), 0, `${expected}/ offers nothing`);
    }
    await ctx.close();
  }
});

test('every page of every language has a strict CSP and nothing inline; scripts only where needed', () => {
  for (const { dir } of TARGETS) {
    for (const file of FILES) {
      const html = readFileSync(join(SITE, dir, file), 'utf8');
      const where = `${dir}${file}`;
      const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
      assert.ok(csp, `${where} has a CSP`);
      const rules = Object.fromEntries(csp[1].split(';').map((r) => r.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
      assert.equal(rules['default-src'], "'self'", where);
      assert.equal(rules['style-src'], "'self'", where);
      assert.equal(rules['object-src'], "'none'", where);
      assert.equal(rules['base-uri'], "'none'", where);
      assert.equal(rules['form-action'], "'none'", where);
      const script = file === 'composer.html' ? "'self' 'wasm-unsafe-eval'" : dir === '' ? "'self'" : "'none'";
      assert.equal(rules['script-src'], script, `${where} script-src`);
      assert.equal(rules['connect-src'], file === 'composer.html' ? "'self'" : "'none'", `${where} connect-src`);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${where}: no inline script`);
      assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, `${where}: no inline style or handler`);
      assert.doesNotMatch(html, /\{\{|\}\}/, `${where}: no placeholder left`);
    }
  }
});

test('each download shows its size and the SHA-256 of the file served, in every language', () => {
  const sums = {};
  for (const file of ['objection-helper-chrome.zip', 'objection-helper-firefox.zip']) {
    sums[file] = createHash('sha256').update(readFileSync(join(SITE, 'download', file))).digest('hex');
  }
  for (const { dir } of TARGETS) {
    const html = readFileSync(join(SITE, dir, 'index.html'), 'utf8');
    for (const [file, sum] of Object.entries(sums)) {
      const shown = html.match(new RegExp(`data-sha256="${file}">([0-9a-f]{64})<`));
      assert.equal(shown?.[1], sum, `${dir}index.html: the SHA-256 of ${file}`);
      assert.ok(html.includes(`href="${dir ? '../' : ''}download/${file}"`), `${dir}index.html links ${file}`);
    }
  }
});

test('the guide lists every data protection authority, countries named in the page\'s language', () => {
  assert.ok(RESIDENCES.length >= 30, 'residences.toml was read');
  for (const { dir, locale } of TARGETS) {
    const html = readFileSync(join(SITE, dir, 'guide.html'), 'utf8');
    const names = new Intl.DisplayNames([tag(locale)], { type: 'region' });
    const listed = [...html.matchAll(/<li data-country="([A-Z]{2})"><span class="country">([^<]+)<\/span>: <a href="([^"]+)"/g)];
    assert.deepEqual(listed.map((m) => m[1]).sort(), RESIDENCES.map((r) => r.code).sort(), `${dir}guide.html: every residence`);
    for (const [, code, country, href] of listed) {
      const r = RESIDENCES.find((x) => x.code === code);
      assert.equal(country.replace(/&amp;/g, '&'), names.of(code), `${dir}guide.html: ${code} in ${locale}`);
      assert.equal(href.replace(/&amp;/g, '&'), r.complaint, `${dir}guide.html: ${code} links its complaint page`);
    }
    const countries = listed.map((m) => m[2]);
    assert.deepEqual(countries, [...countries].sort(new Intl.Collator(tag(locale)).compare), `${dir}guide.html: in the language's order`);
  }
});

test('the build stops on a missing key, a stray key or markup English does not have, naming file and key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-'));
  const out = mkdtempSync(join(tmpdir(), 'site-'));
  try {
    cpSync(I18N, dir, { recursive: true });
    assert.deepEqual(checkTranslations(dir), [], 'the real files pass');
    const de = translation('de');
    delete de['guide.code_title'];
    de['guide.extra'] = 'Extra';
    de['guide.code_1'] += ' <b>fett</b>';
    de['guide.facebook_1'] = de['guide.facebook_1'].replace('href="https://www.facebook.com/help/contact/712876720715583"', 'href="https://example.org/"');
    writeFileSync(join(dir, 'de.json'), JSON.stringify(de));
    writeFileSync(join(dir, 'fi.json'), '{ "common.skip": ');
    const errors = checkTranslations(dir).join('\n');
    assert.match(errors, /de\.json: key "guide\.code_title" is missing/);
    assert.match(errors, /de\.json: key "guide\.extra" is not in en\.json/);
    assert.match(errors, /de\.json: key "guide\.code_1": the tag <b>/);
    assert.match(errors, /de\.json: key "guide\.facebook_1": its markup differs from English/);
    assert.match(errors, /fi\.json: not valid JSON/);
    let failed;
    try {
      execFileSync(process.execPath, [join(ROOT, 'tools', 'site.mjs'), out, '--i18n', dir], { stdio: 'pipe' });
    } catch (e) {
      failed = e;
    }
    assert.ok(failed, 'the generator exits with an error');
    assert.notEqual(failed.status, 0);
    assert.match(String(failed.stderr), /The website was not built[\s\S]*guide\.code_title/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});
