// Off the form, per site: on Facebook its form comes first and Instagram's second, with a word that
// the person must be logged in there; on Instagram the other way round; elsewhere both, plainly.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, sealed } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

const links = (popup) => popup.locator('nav.links a').evaluateAll((els) => els.map((a) => ({
  platform: a.dataset.platform, href: a.getAttribute('href'), hint: a.querySelector('.link-hint')?.textContent || '',
  height: a.getBoundingClientRect().height,
})));

for (const [site, first, second] of [
  ['https://www.facebook.com/', 'facebook', 'instagram'],
  // The extension sees a tab's address on Instagram's help centre by its host permission, and on
  // any page of instagram.com when the person clicks the button (activeTab); a test opens the
  // popup without that click, so it uses the help centre.
  ['https://help.instagram.com/', 'instagram', 'facebook'],
]) {
  test(`on ${new URL(site).host}: that platform's form first, the other with the log-in note`, async () => {
    const { page, tabId } = await b.openHtml(site, '<!doctype html><title>Feed</title><p>Feed</p>');
    const popup = await b.popup(tabId);
    assert.equal(await settled(popup), 'no-form');
    const got = await links(popup);
    assert.deepEqual(got.map((l) => l.platform), [first, second]);
    assert.equal(got[0].hint, '');
    assert.match(got[1].hint, new RegExp(`Log in to ${second === 'facebook' ? 'Facebook' : 'Instagram'}`));
    assert.match(got[0].href, first === 'facebook' ? /^https:\/\/www\.facebook\.com\/help\/contact\/\d+$/ : /^https:\/\/help\.instagram\.com\/contact\/\d+$/);
    for (const l of got) assert.ok(l.height >= 44, `a large target (${l.height} px)`);
    await popup.close();
    await page.close();
  });
}

test('elsewhere: both forms, with no log-in note', async () => {
  const { page, tabId } = await b.openHtml('https://example.org/', '<!doctype html><title>Elsewhere</title><p>x</p>');
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'no-form');
  const got = await links(popup);
  assert.deepEqual(got.map((l) => l.platform), ['facebook', 'instagram']);
  assert.deepEqual(got.map((l) => l.hint), ['', '']);
  await popup.close();
  await page.close();
});
