// The popup as a person meets it, at its real size (400×600): text big enough to read, titles no
// smaller than their descriptions, and Fill and Copy in view without scrolling, in every
// interface language, with and without saved details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, sealed } from './harness.mjs';

const UI_LOCALES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'en_GB', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'is',
  'it', 'lt', 'lv', 'mt', 'nb', 'nl', 'pl', 'pt_BR', 'pt_PT', 'ro', 'sk', 'sl', 'sv'];
const FORM = 'https://www.facebook.com/help/contact/6359191084165019';
const DETAILS = { name: 'Anna-Katharina Beispielfrau-Müller', country: 'Deutschland', account: 'anna.katharina.beispiel@example.org', date: '' };

/** Every element that shows text of its own, with its computed size; and the action buttons. */
function measure() {
  const sizes = [];
  const walker = document.createTreeWalker(document.getElementById('app'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.data.trim() || !el || el.closest('.visually-hidden')) continue;
    sizes.push([el.className || el.localName, parseFloat(getComputedStyle(el).fontSize)]);
  }
  const box = (sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  };
  const size = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
  return {
    sizes, fill: box('[data-action="fill"]'), copy: box('[data-action="copy"]'),
    title: size('.letter-title'), desc: size('.letter-desc'), height: innerHeight, scrollY,
  };
}

for (const locale of UI_LOCALES) {
  test(`${locale}: readable, and Fill and Copy in view at 400×600, with and without details`, async () => {
    const b = await launch({ locale: locale.replace('_', '-') });
    try {
      const { page, tabId } = await b.open(FORM, 'fb-2024-en-react.html');
      for (const withDetails of [false, true]) {
        if (withDetails) {
          const ext = await b.extensionPage('options.html');
          await ext.evaluate(async (details) => {
            const { settings = { version: 2 } } = await chrome.storage.local.get('settings');
            await chrome.storage.local.set({ settings: { ...settings, details } });
          }, DETAILS);
          await ext.close();
        }
        const popup = await b.ctx.newPage();
        await popup.setViewportSize({ width: 400, height: 600 });
        await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
        await popup.waitForSelector('#app[data-state="form"]');
        if (withDetails) assert.ok(await popup.locator('details.my-details[open]').count(), 'details shown');
        const messages = JSON.parse(readFileSync(new URL(`../../extension/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
        assert.equal(await popup.locator('[data-action="fill"]').innerText(), messages.actionFill.message, 'in this interface language');
        const m = await popup.evaluate(measure);
        const small = m.sizes.filter(([, px]) => px < 13);
        assert.deepEqual(small, [], 'no text under 13 px');
        assert.ok(m.title >= m.desc, `titles (${m.title}) no smaller than descriptions (${m.desc})`);
        for (const [name, r] of [['Fill', m.fill], ['Copy', m.copy]]) {
          assert.ok(r.top >= 0 && r.bottom <= m.height, `${name} in view without scrolling: ${JSON.stringify(r)}`);
        }
        assert.equal(m.scrollY, 0);
        if (locale === 'fi' && withDetails) await popup.screenshot({ path: 'dist/screenshots/popup-400x600-fi-details.png' });
        await popup.close();
      }
      await page.close();
      sealed(b);
    } finally {
      await b.close();
    }
  });
}
