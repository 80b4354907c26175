// Where the person lives decides the law in the letter; the form decides its language
// (issue 15). The real extension in Chromium, on pages at Meta's real URLs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

const FB_2024 = 'https://www.facebook.com/help/contact/6359191084165019';
const FB_2025 = 'https://www.facebook.com/help/contact/712876720715583';

// Meta's 2025 form in a language and locale of our choice, with its own country field (a
// drop-down inside Meta's form) when `country` is given: [value, text].
function form({ lang, locale, title, reason, country }) {
  const select = country
    ? `<label for="c">Country</label><select id="c" name="country"><option value="">…</option>` +
      `<option value="${country[0]}" selected>${country[1]}</option><option value="BR">Brasil</option></select>`
    : '';
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>
<form id="f" method="post" action="/ajax/help/contact/submit/page">
<input type="hidden" name="support_form_id" value="712876720715583">
<input type="hidden" name="support_form_locale_id" value="${locale}">
<h2>${title}</h2>
<label for="e">Email</label><input type="email" id="e" name="email" value="p@example.com">
${select}
<label for="r">${reason}</label><textarea id="r" name="Field1489970557888767"></textarea>
<button type="submit">Send</button></form></body></html>`;
}

const PT_BR = {
  lang: 'pt', locale: 'pt_BR',
  title: 'Oponha-se ao uso das suas informações para IA na Meta',
  reason: 'Diga-nos como esse processamento afeta você',
};

const reasonBox = (page) => page.locator('#r').inputValue();

let b;
const opened = [];
after(async () => { for (const x of opened) await x.close().catch(() => {}); });
async function start(options) {
  b = await launch(options);
  opened.push(b);
  return b;
}

test('a browser that names no listed country: the popup asks where the person lives before Fill, then cites that law and remembers it', async () => {
  await start({ locale: 'en-US' });
  const { page, tabId } = await b.open(FB_2024, 'fb-2024-en-react.html');
  let popup = await b.popup(tabId);
  const select = popup.locator('select#residence[name="residence"]');
  assert.equal(await select.inputValue(), '', 'nothing preselected for en-US');
  const codes = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const code of ['AT', 'BE', 'DE', 'IE', 'IS', 'LI', 'NO', 'GB', 'CH', 'BR', 'other']) {
    assert.ok(codes.includes(code), `offers ${code}`);
  }
  assert.equal(codes.length, 1 + 33 + 1, 'an empty choice, 33 countries, another country');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('.notice');
  assert.match(await popup.locator('.notice').innerText(), /where you live/i);
  assert.equal(await page.locator('textarea').first().inputValue(), '', 'nothing written');

  await select.selectOption('CH');
  await popup.waitForFunction(() => document.querySelector('#preview').value.includes('FADP'));
  const swiss = await popup.locator('#preview').inputValue();
  assert.match(swiss, /Article 30\(2\)\(b\)/);
  assert.doesNotMatch(swiss, /GDPR|LGPD/);
  assert.match(swiss, /Switzerland/, 'the letter names the country');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.close();

  const stored = await b.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
  assert.equal(stored.details.residence, 'CH', 'remembered with the details');
  // Another country: an honest letter that cites no law at all.
  const other = await b.open(FB_2025, 'fb-2025-de-plain.html');
  popup = await b.popup(other.tabId);
  await popup.locator('select#residence').selectOption('other');
  await popup.waitForFunction(() => !/DSGVO|GDPR/.test(document.querySelector('#preview').value));
  assert.doesNotMatch(await popup.locator('#preview').inputValue(), /DSGVO|GDPR|LGPD|DSG\b|Art\. 21/);
  await popup.close();
  await other.page.close();
  await page.close();
});

test('a Portuguese person whose form is in pt_BR gets the GDPR in Brazilian Portuguese, from the form\'s own country field', async () => {
  await start({ locale: 'pt-BR' });
  const { page, tabId } = await b.openHtml(FB_2025, form({ ...PT_BR, country: ['PT', 'Portugal'] }));
  const popup = await b.popup(tabId);
  assert.equal(await popup.locator('select#residence').inputValue(), 'PT', 'the form\'s country field decides, not the browser (pt-BR)');
  assert.equal(await popup.locator('#locale').inputValue(), 'pt-br', 'the form decides the language');
  const letter = await popup.locator('#preview').inputValue();
  // (The Brazilian letters call the GDPR by the name Brazilians know, "GDPR".)
  assert.match(letter, /GDPR/);
  assert.doesNotMatch(letter, /LGPD/);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  assert.match(await reasonBox(page), /GDPR/);
  assert.equal(await page.locator('#c').inputValue(), 'PT', 'the country field is untouched');
  await popup.close();
  await page.close();
});

test('a Brazilian on the same form without a country field: the browser\'s region (pt-BR) gives the LGPD', async () => {
  await start({ locale: 'pt-BR' });
  const { page, tabId } = await b.openHtml(FB_2025, form(PT_BR));
  const popup = await b.popup(tabId);
  assert.equal(await popup.locator('select#residence').inputValue(), 'BR');
  const letter = await popup.locator('#preview').inputValue();
  assert.match(letter, /LGPD/);
  assert.doesNotMatch(letter, /GDPR/);
  await popup.close();
  await page.close();
});

test('a person in Ireland on an en_GB form gets the GDPR, not the UK GDPR; letters that state facts ask for the truth and carry the person\'s own words', async () => {
  await start(); // en-IE
  const { page, tabId } = await b.openHtml(FB_2025, form({
    lang: 'en', locale: 'en_GB',
    title: 'Object to your information being used for AI at Meta',
    reason: 'Please tell us how this processing impacts you',
  }));
  const popup = await b.popup(tabId);
  assert.equal(await popup.locator('select#residence').inputValue(), 'IE');
  assert.equal(await popup.locator('#locale').inputValue(), 'en-gb');
  let letter = await popup.locator('#preview').inputValue();
  assert.match(letter, /GDPR/);
  assert.doesNotMatch(letter, /UK GDPR/);
  assert.ok(await popup.locator('#truth').isHidden(), 'the short letter states nothing that may be untrue');
  await popup.click('[data-letter="family"] input');
  assert.ok(await popup.locator('#truth').isVisible(), 'the family letter: send it only if it is true');
  const own = 'My daughter is seven and appears in most of my photos.';
  await popup.fill('#own', own);
  await popup.waitForFunction((t) => document.querySelector('#preview').value.includes(t), own);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  letter = await reasonBox(page);
  assert.ok(letter.includes(own), 'the own words are in the form');
  assert.match(letter, /GDPR/);
  assert.doesNotMatch(letter, /UK GDPR/);
  await popup.close();
  await page.close();
});
