// The generated fixture corpus (tests/corpus/generate.mjs) in Firefox ESR with the built
// extension: a shorter fixed slice than in Chromium (16 pages: every style, order, form and kind
// of form number, 12 locales; two other help-centre forms, the objection page after Send, and a
// look-alike host). The same checks as tests/browser/corpus.test.mjs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox } from './firefox-harness.mjs';
import { norm, boxes } from './harness.mjs';
import { page as build, slice, STYLES, ORDERS, FORMS, IDS } from '../corpus/generate.mjs';

const PAGES = slice({ forms: 12, others: 2, afterSend: 1, lookalikes: 1, step: 7 });

let f;
before(async () => { f = await launchFirefox(); });
// After every test: nothing left the browser (pages, popup, extension), nothing was submitted.
afterEach(async () => {
  assert.deepEqual(await f.leaks(), [], 'requests that left the browser');
  assert.deepEqual(f.submitted.splice(0), [], 'form submissions');
});
after(async () => { await f.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('Firefox: the slice covers every style, order, form and kind of form number', () => {
  const forms = PAGES.filter((c) => c.kind === 'form');
  const covered = (key, all) => assert.deepEqual([...new Set(forms.map((c) => c[key]))].sort(), [...all].sort(), key);
  covered('style', STYLES);
  covered('order', ORDERS);
  covered('form', FORMS);
  covered('id', IDS);
  for (const kind of ['other-form', 'after-send', 'lookalike']) assert.ok(PAGES.some((c) => c.kind === kind), kind);
  assert.ok(PAGES.length >= 15);
});

/** Every other box of the page holds what it held (the reason box is left out). */
function othersOf(values) {
  return Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'REASON' && k !== 'reason'));
}

for (const c of PAGES) {
  test(`Firefox corpus: ${c.name}`, async () => {
    const p = build(c);
    const { page, tabId } = await f.openHtml(p.url, p.html);
    let popup = null;
    try {
      await page.waitForFunction(() => window.__fixture && window.__fixture.ready());
      const before = await page.evaluate(() => window.__fixture.state());
      const boxesBefore = await boxes(page);
      if (!p.expect.form) await sleep(700); // let the content script report first
      popup = await f.popup(tabId);
      const state = await popup.state();
      if (!p.expect.form) {
        assert.equal(state, 'no-form', 'not claimed');
        assert.ok(!(await popup.attr('data-form')), 'no data-form');
        assert.equal(await popup.ev(`browser.action.getBadgeText({ tabId: ${tabId} })`), '', 'icon not marked');
        assert.deepEqual(await boxes(page), boxesBefore, 'nothing written');
      } else {
        if (await popup.ev(`Boolean(document.querySelector('#boxes'))`)) {
          const offered = await popup.ev(`[...document.querySelectorAll('label.box[data-box]')].map((l) => l.innerText.replace(/\\s+/g, ' ')).join(' | ')`);
          assert.fail(`the popup asks the person which box to use, among: ${offered}`);
        }
        assert.equal(state, 'form');
        assert.equal(await popup.attr('data-form'), p.expect.form, 'data-form');
        assert.equal(await popup.attr('data-platform'), p.expect.platform, 'data-platform');
        assert.equal(await popup.attr('data-lang'), p.expect.lang, 'data-lang');
        const letter = await popup.ev(`document.querySelector('#preview').value`);
        assert.ok(letter.length > 100, 'the preview holds the letter');
        await popup.click('[data-action="fill"]');
        const result = await popup.until((s) => s === 'filled' || s === 'error', 'filled');
        const notice = result === 'filled' ? '' : await popup.ev(`[...document.querySelectorAll('.notice')].map((n) => n.textContent).join(' | ')`);
        assert.equal(result, 'filled', `fill result: ${notice}`);
        const after = await page.evaluate(() => window.__fixture.state());
        assert.equal(norm(after.reason), norm(letter), "the page's own state holds the letter");
        assert.deepEqual(othersOf(after), othersOf(before), 'every other field holds what it held');
        assert.deepEqual(othersOf(await boxes(page)), othersOf(boxesBefore), 'every other box on the page holds what it held');
      }
      assert.equal(await page.evaluate(() => window.__fixture.submits), 0, 'nothing submitted');
    } finally {
      if (popup) await popup.close();
      await page.close();
    }
  });
}
