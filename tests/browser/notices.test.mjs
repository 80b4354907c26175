// Notices never cover what the person is editing: at 360 px, in languages with long words, the
// options page says what happened at the foot of the card that caused it, in view, and the
// popup's notice after Fill stands in view without covering the letter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, sealed, screenshotPath } from './harness.mjs';

const FORM = 'https://www.facebook.com/help/contact/6359191084165019';

/** @param {{x: number, y: number, width: number, height: number} | null} a @param {typeof a} b */
function overlap(a, b) {
  if (!a || !b) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The element's box in the viewport, and whether it lies wholly inside it. */
async function inView(page, selector) {
  return page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
  });
}

for (const locale of ['en', 'de', 'fi']) {
  test(`${locale}: options page at 360 px: notices stand beside their cause, never over the editor`, async () => {
    const b = await launch({ locale });
    try {
      const options = await b.extensionPage('options.html');
      await options.setViewportSize({ width: 360, height: 640 });
      await options.waitForSelector('#options[data-storage="ok"]');
      // Writing a letter: the editor is open while the person imports a file that is not ours.
      await options.click('[data-action="new-letter"]');
      await options.fill('#letter-title', 'Mein Widerspruch');
      await options.fill('#letter-body', 'Ich widerspreche.\n'.repeat(12));
      const dir = mkdtempSync(join(tmpdir(), 'objection-notice-'));
      const bad = join(dir, 'other.json');
      writeFileSync(bad, JSON.stringify({ hello: 'world' }));
      await options.locator('#import-file').scrollIntoViewIfNeeded();
      await options.setInputFiles('#import-file', bad);
      await options.waitForSelector('#notice-shown .notice.error');
      const notice = await options.locator('#notice-shown').boundingBox();
      for (const field of ['#letter-title', '#letter-body']) {
        const box = await options.locator(field).boundingBox();
        assert.ok(!overlap(notice, box), `the notice ${JSON.stringify(notice)} does not cover ${field} ${JSON.stringify(box)}`);
      }
      assert.ok(await inView(options, '#notice-shown'), 'the notice is in view');
      assert.equal(await options.locator('#notice-shown').evaluate((e) => e.parentElement.querySelector('#import-file') !== null), true,
        'at the foot of the card with the import');
      assert.equal(await options.locator('#options-notice').textContent(), await options.locator('#notice-shown').innerText(),
        'the live region says the same, for screen readers');
      if (locale === 'de') await options.screenshot({ path: screenshotPath('options-360-notice-de.png') });
      // Saving answers at the letters card; the next action clears it (it does not stay while the
      // person writes the next letter).
      await options.locator('[data-action="save-letter"]').click();
      await options.waitForSelector('#notice-shown .notice.ok');
      await options.waitForSelector('[data-own-letter]');
      assert.equal(await options.locator('#notice-shown .notice.error').count(), 0, 'the import error is gone');
      assert.equal(await options.locator('#notice-shown').evaluate((e) => e.parentElement.querySelector('[data-own-letter]') !== null), true,
        '"saved" at the foot of the letters card');
      assert.ok(await inView(options, '#notice-shown'), 'in view');
      await options.click('[data-action="new-letter"]');
      await options.waitForSelector('#letter-title');
      assert.equal(await options.locator('#notice-shown .notice').count(), 0, 'the earlier notice is gone');
      await options.click('[data-action="cancel-edit"]');
      // Deleting says so beside the letters, with Undo, which has the keyboard focus.
      await options.click('[data-own-letter] [data-action="delete"]');
      await options.waitForSelector('#notice-shown [data-action="undo-delete"]');
      assert.equal(await options.evaluate(() => document.activeElement?.dataset.action), 'undo-delete', 'Undo has the focus');
      assert.ok(await inView(options, '#notice-shown'), 'in view');
      await options.close();

      // The popup at 360 px: an empty letter cannot be filled; the notice says so in view,
      // and the letter's box is not under it.
      const { page, tabId } = await b.open(FORM, 'fb-2024-en-react.html');
      const popup = await b.ctx.newPage();
      await popup.setViewportSize({ width: 360, height: 600 });
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
      await popup.waitForSelector('#app[data-state="form"]');
      await popup.fill('#preview', '');
      await popup.click('[data-action="fill"]');
      await popup.waitForSelector('#app .notice');
      assert.ok(await inView(popup, '#app .notice'), 'the popup notice is in view');
      const pn = await popup.locator('#app .notice').boundingBox();
      const pv = await popup.locator('#preview').boundingBox();
      assert.ok(!overlap(pn, pv), 'the popup notice does not cover the letter');
      const bar = await popup.locator('.actions').boundingBox();
      assert.ok(!overlap(pn, bar), 'nor is it under the buttons');
      await popup.close();
      await page.close();
      sealed(b);
    } finally {
      await b.close();
    }
  });
}
