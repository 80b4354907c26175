// The popup remembers, per tab and form, what the person chose and wrote (Chrome closes the popup
// as soon as they click the page): the letter, its language and their edits come back, and after
// a fill the popup says the letter is in the form and offers Undo.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, norm, sealed } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

test('letter, language and edits survive closing the popup; after a fill it says the letter is in the form', async () => {
  const { page, tabId } = await b.open('https://de-de.facebook.com/help/contact/712876720715583', 'fb-2025-de-plain.html');
  let popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  await popup.selectOption('#locale', 'fr');
  await popup.locator('[data-letter="family"] input').check();
  await popup.fill('#preview', 'Mon propre texte, écrit ici.');
  await popup.close();

  popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  assert.equal(await popup.locator('#locale').inputValue(), 'fr');
  assert.ok(await popup.locator('[data-letter="family"] input').isChecked());
  assert.equal(await popup.locator('#preview').inputValue(), 'Mon propre texte, écrit ici.');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.close();

  popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'filled', 'reopened after the fill: the letter is in the form');
  const notice = await popup.locator('.notice').innerText();
  assert.doesNotMatch(notice, /own text|eigene|propre/i);
  assert.ok(await popup.locator('[data-action="undo"]').count(), 'Undo offered');
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"]');
  assert.equal(norm(await page.evaluate(() => window.__fixture.state().reason)), '');
  await popup.close();
  await page.close();
});
