// The record of objections and what comes after Send (issue 16, items 4 and 5): the real
// extension in Chromium; the person presses Meta's Send button themselves (here, a trusted click
// by the test), and the extension only notes it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

const FB_2025 = 'https://www.facebook.com/help/contact/712876720715583';
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

let b;
after(async () => { if (b) await b.close(); });

const record = () => b.worker.evaluate(async () => (await chrome.storage.local.get('record')).record || []);
async function until(check, what) {
  for (let i = 0; i < 100; i++) {
    const r = await record();
    if (check(r)) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.fail(`timed out waiting for ${what}: ${JSON.stringify(await record())}`);
}

test('after a fill: what comes next; Send is recorded with the text, then Meta\'s code step and confirmation; the checklist, the options page, export and delete', async () => {
  b = await launch();
  const { page, tabId } = await b.open(FB_2025, 'fb-2025-de-plain.html');
  let popup = await b.popup(tabId);
  assert.equal(await popup.locator('[data-record]').count(), 0, 'nothing recorded yet');
  assert.equal(await popup.locator('.record li[data-platform="facebook"].todo').count(), 1);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  for (const step of ['code', 'email', 'going-forward', 'accounts-center', 'other-platform']) {
    assert.equal(await popup.locator(`.next [data-step="${step}"]`).count(), 1, `says ${step}`);
  }
  assert.match(await popup.locator('.next [data-step="other-platform"]').innerText(), /Instagram/);
  await popup.close();
  const sent = await page.locator('[data-testid="reason"]').inputValue();
  assert.equal(await page.evaluate(() => window.__fixture.submits), 0, 'the extension pressed nothing');

  // The person presses Meta's Send button.
  await page.click('button[type="submit"]');
  let entries = await until((r) => r.length === 1, 'the record');
  assert.equal(await page.evaluate(() => window.__fixture.submits), 1);
  const [e] = entries;
  assert.equal(e.platform, 'facebook');
  assert.equal(e.form, 'ai-objection');
  assert.equal(e.formId, '712876720715583');
  assert.equal(e.date, today());
  assert.equal(e.locale, 'de');
  assert.equal(e.text, sent);
  assert.equal(e.code, false);

  // Meta's email-code step, drawn after Send outside its form; then its confirmation.
  await page.evaluate(() => {
    const layer = document.createElement('div');
    layer.id = 'code-layer';
    layer.innerHTML = '<div><form><div>Gib den Code ein, den wir dir per E-Mail gesendet haben</div><input type="text" name="code"><button type="submit">Weiter</button></form></div>';
    document.body.append(layer);
  });
  entries = await until((r) => r[0] && r[0].code, 'the code step');
  assert.equal(entries[0].confirmed, false);
  await page.evaluate(() => {
    document.getElementById('code-layer').remove();
    const done = document.createElement('div');
    done.innerHTML = '<div>Deine Anfrage wird künftig angewendet. Du erhältst eine E-Mail mit Details.</div><a role="button" href="#">OK</a>';
    document.body.append(done);
  });
  entries = await until((r) => r[0] && r[0].confirmed, 'the confirmation');

  // The popup on another page of Facebook: the checklist, with its data for tests and styles.
  const other = await b.openHtml('https://www.facebook.com/', '<!doctype html><title>Facebook</title><p>Feed</p>');
  popup = await b.popup(other.tabId);
  const done = popup.locator('.record li[data-record]');
  assert.equal(await done.count(), 1);
  assert.equal(await done.getAttribute('data-platform'), 'facebook');
  assert.equal(await done.getAttribute('data-form'), 'ai-objection');
  assert.equal(await done.getAttribute('data-date'), today());
  const ig = popup.locator('.record li[data-platform="instagram"]');
  assert.equal(await ig.getAttribute('data-record'), null, 'Instagram: not yet');
  assert.match(await ig.locator('a').getAttribute('href'), /instagram\.com/);
  await popup.close();

  // The options page lists it, with what Meta showed, exports it as text and deletes it.
  const options = await b.extensionPage('options.html');
  await options.waitForSelector('#record [data-record]');
  assert.equal(await options.locator('#record [data-record]').count(), 1);
  const listed = await options.locator('#record [data-record]').innerText();
  assert.match(listed, /code/i);
  assert.match(listed, /confirmation/i);
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.click('[data-action="export-record"]'),
  ]);
  const { readFileSync } = await import('node:fs');
  const exported = readFileSync(await download.path(), 'utf8');
  assert.ok(exported.includes(sent), 'the export holds the text that was sent');
  assert.ok(exported.includes('712876720715583'));
  // Where the person lives gives the authority and a complaint in the letter's language.
  await options.selectOption('#residence', 'DE');
  await options.waitForSelector('#refused[data-authority="DE"] textarea#complaint');
  assert.match(await options.locator('#complaint').inputValue(), /Art/);
  assert.match(await options.locator('#refused a').getAttribute('href'), /^https:\/\//);
  await options.click('[data-action="delete-record"]');
  await options.waitForSelector('#record [data-record]', { state: 'detached' });
  assert.deepEqual(await record(), []);
  await options.close();
  await other.page.close();
  await page.close();
});
