// Undo never silently throws away what the person typed: when Meta's box changed after the fill,
// the popup asks first (in its confirm state), and declining keeps everything.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, norm, sealed } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

const reason = (page) => page.evaluate(() => window.__fixture.state().reason);

test('text added in the box after the fill: Undo asks, Cancel keeps it, Undo anyway restores the box', async () => {
  const { page, tabId } = await b.open('https://de-de.facebook.com/help/contact/712876720715583', 'fb-2025-de-plain.html');
  let popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  const letter = await popup.locator('#preview').inputValue();
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.close();
  // The person adds a paragraph in Meta's box, then opens the popup again and presses Undo.
  const box = page.locator('textarea[data-testid="reason"]');
  await box.click();
  await box.press('Control+End');
  await page.keyboard.type('\n\nMy own addition.');
  const edited = await reason(page);
  assert.match(edited, /My own addition\.$/);
  popup = await b.popup(tabId);
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="confirm-replace"]');
  assert.match(await popup.locator('.notice.warn').innerText(), /will be lost/);
  assert.equal(await reason(page), edited, 'nothing undone before the person agrees');
  await popup.click('[data-action="cancel"]');
  assert.notEqual(await popup.getAttribute('#app', 'data-state'), 'confirm-replace');
  assert.equal(await reason(page), edited, 'declined: the box keeps the letter and the addition');
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="confirm-replace"]');
  await popup.click('[data-action="undo-anyway"]');
  await popup.waitForSelector('#app[data-state="form"]');
  assert.equal(await reason(page), '', 'the box holds what it held before the fill');
  assert.ok(norm(letter).length > 100);
  assert.equal(await page.evaluate(() => window.__fixture.submits), 0);
  await popup.close();
  await page.close();
});

test('an unchanged box is undone at once, without a question', async () => {
  const { page, tabId } = await b.open('https://de-de.facebook.com/help/contact/712876720715583', 'fb-2025-de-plain.html');
  const popup = await b.popup(tabId);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"]');
  assert.equal(await reason(page), '');
  await popup.close();
  await page.close();
});
