// Letters in the form's language, the person's details and own letters, export and import, in
// headless Chromium with the built extension.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, settled, screenshotPath, sealed } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
// No request may leave the browser in any of these tests, and nothing may be submitted.
afterEach(() => sealed(b));
after(async () => { await b.close(); });

// A minimal objection form at a URL with an unknown form number, in a language of the test.
function form(lang, locale, title, label) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1><form>
<input type="hidden" name="support_form_locale_id" value="${locale}">
<label for="e">Email</label><input id="e" type="email" value="person@example.com">
<label for="r">${label}</label><textarea id="r" rows="6"></textarea>
<button type="submit">Send</button></form></body></html>`;
}

const LANGUAGES = [
  ['de', 'de_DE', 'Widerspruch gegen die Nutzung deiner Informationen für KI bei Meta', 'Wie wirkt sich diese Verarbeitung auf dich aus?', 'DSGVO'],
  ['fr', 'fr_FR', "Vous opposer à l'utilisation de vos informations pour l'IA chez Meta", 'Indiquez-nous quel impact ce traitement a sur vous', 'RGPD'],
  ['es', 'es_ES', 'Oponerte al uso de tu información para la IA de Meta', 'Explícanos cómo te afecta este tratamiento', 'RGPD'],
  ['it', 'it_IT', "Opporti all'uso delle tue informazioni per l'IA di Meta", 'Spiegaci che impatto ha su di te questo trattamento', 'GDPR'],
  ['nl', 'nl_NL', 'Bezwaar maken tegen het gebruik van je informatie voor AI bij Meta', 'Vertel ons welke invloed deze verwerking op je heeft', 'AVG'],
  ['pl', 'pl_PL', 'Sprzeciw wobec wykorzystywania Twoich informacji do AI w Meta', 'Powiedz nam, jaki wpływ ma na Ciebie to przetwarzanie', 'RODO'],
  // (The person these tests play lives in Ireland: the GDPR, in Brazilian Portuguese; where the
  // person lives decides the law, see residence.test.mjs.)
  ['pt', 'pt_BR', 'Oposição ao uso das suas informações para IA na Meta', 'Conte-nos como este tratamento afeta você', 'GDPR', 'pt-br'],
  ['sv', 'sv_SE', 'Invänd mot att din information används för AI hos Meta', 'Berätta hur den här behandlingen påverkar dig', 'GDPR'],
];

let formNumber = 2000000000000000;
for (const [lang, locale, title, label, law, letters = lang] of LANGUAGES) {
  test(`a ${locale} form gets ${letters} letters first`, async () => {
    const { page, tabId } = await b.openHtml(`https://www.facebook.com/help/contact/${formNumber++}`, form(lang, locale, title, label));
    const popup = await b.popup(tabId);
    assert.equal(await settled(popup), 'form');
    assert.equal(await popup.getAttribute('#app', 'data-lang'), lang);
    assert.equal(await popup.locator('#locale').inputValue(), letters);
    assert.match(await popup.locator('#preview').inputValue(), new RegExp(law));
    const options = await popup.locator('#locale option').evaluateAll((os) => os.map((o) => o.value));
    assert.equal(options.length, 28, 'every language can be chosen');
    await popup.close();
    await page.close();
  });
}

test('the letter language a person picks is remembered for forms in that language', async () => {
  const url = 'https://de-de.facebook.com/help/contact/712876720715583';
  const { page, tabId } = await b.open(url, 'fb-2025-de-plain.html');
  let popup = await b.popup(tabId);
  assert.equal(await popup.locator('#locale').inputValue(), 'de');
  await popup.selectOption('#locale', 'en');
  await popup.waitForFunction(() => /GDPR/.test(document.querySelector('#preview').value));
  assert.equal(await popup.evaluate(() => document.activeElement.id), 'locale', 'focus stays on the list');
  await popup.waitForTimeout(200);
  await popup.close();
  popup = await b.popup(tabId);
  assert.equal(await popup.locator('#locale').inputValue(), 'en', 'remembered');
  await popup.selectOption('#locale', 'de');
  await popup.waitForTimeout(200);
  await popup.close();
  await page.close();
});

test('details go into the letter, cleanly, and are kept in the browser', async () => {
  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  let popup = await b.popup(tabId);
  const plain = await popup.locator('#preview').inputValue();
  assert.doesNotMatch(plain, /\{|\}|\[|\]|  /, 'no placeholder or double space without details');
  await popup.click('details.my-details summary');
  await popup.fill('#detail-name', 'Ann Example');
  await popup.fill('#detail-account', 'ann.example');
  await popup.locator('#detail-account').blur();
  const personal = await popup.locator('#preview').inputValue();
  assert.match(personal, /Ann Example/);
  assert.match(personal, /ann\.example/);
  assert.doesNotMatch(personal, /\{|\}|\[|\]|  /);
  await popup.waitForTimeout(200);
  await popup.close();
  popup = await b.popup(tabId);
  assert.equal(await popup.locator('#detail-name').inputValue(), 'Ann Example', 'kept after reopening');
  assert.match(await popup.locator('#preview').inputValue(), /Ann Example/);
  // Clear them again for the other tests.
  await popup.fill('#detail-name', '');
  await popup.fill('#detail-account', '');
  await popup.locator('#detail-account').blur();
  await popup.waitForTimeout(200);
  await popup.close();
  await page.close();
});

test('own letters: write, keep after reload, offer in the popup, fill, export, import', async () => {
  const options = await b.extensionPage('options.html');
  await options.waitForSelector('#options[data-storage="ok"]');
  await options.click('[data-action="new-letter"]');
  await options.fill('#letter-title', 'My own objection');
  await options.fill('#letter-body', 'I object to this, in my own words.[ My account is {account}.]');
  await options.click('[data-action="save-letter"]');
  await options.waitForSelector('[data-own-letter]');
  await options.setViewportSize({ width: 800, height: 900 });
  await options.screenshot({ path: screenshotPath('options.png'), fullPage: true });
  // A letter without a title is refused with a message, and nothing is added.
  await options.click('[data-action="new-letter"]');
  await options.fill('#letter-body', 'No title here');
  await options.click('[data-action="save-letter"]');
  await options.waitForSelector('#notice-shown .notice.error');
  await options.click('[data-action="cancel-edit"]');
  await options.reload();
  await options.waitForSelector('[data-own-letter]');
  assert.equal(await options.locator('[data-own-letter]').count(), 1, 'kept after reload');
  const id = await options.locator('[data-own-letter]').getAttribute('data-own-letter');

  const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
  const popup = await b.popup(tabId);
  await popup.locator(`[data-letter="${id}"] input`).check();
  assert.equal(await popup.locator('#preview').inputValue(), 'I object to this, in my own words.');
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  assert.equal(await page.evaluate(() => window.__fixture.state().reason), 'I object to this, in my own words.');
  await popup.close();
  await page.close();

  // Export, delete, import: the same letter comes back.
  const [download] = await Promise.all([options.waitForEvent('download'), options.click('[data-action="export"]')]);
  const dir = mkdtempSync(join(tmpdir(), 'objection-export-'));
  const file = join(dir, 'letters.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.format, 'objection-helper-letters');
  assert.equal(exported.letters[0].title, 'My own objection');
  await options.click(`[data-own-letter="${id}"] [data-action="delete"]`);
  await options.waitForSelector('[data-action="undo-delete"]');
  assert.equal(await options.locator('[data-own-letter]').count(), 0);
  await options.setInputFiles('#import-file', file);
  await options.waitForSelector('#notice-shown .notice.ok');
  assert.equal(await options.locator('[data-own-letter]').count(), 1, 'imported back');
  assert.equal(await options.locator('[data-own-letter] .letter-title').innerText(), 'My own objection');

  // Bad imports change nothing and say why.
  const bad = [
    ['not-json.json', '{ this is not json'],
    ['other.json', JSON.stringify({ hello: 'world' })],
    ['future.json', JSON.stringify({ ...exported, version: 99 })],
    ['partly.json', JSON.stringify({ ...exported, letters: [{ title: 'Fine', body: 'ok', form: 'ai-objection' }, { title: '', body: 'x', form: 'ai-objection' }] })],
    ['huge.json', JSON.stringify({ ...exported, padding: 'x'.repeat(2_100_000) })],
  ];
  for (const [name, text] of bad) {
    const path = join(dir, name);
    writeFileSync(path, text);
    await options.setInputFiles('#import-file', path);
    await options.waitForSelector('#notice-shown .notice.error');
    const message = await options.locator('#notice-shown .notice.error').innerText();
    assert.match(message, /Nothing was imported/, `${name}: ${message}`);
    assert.equal(await options.locator('[data-own-letter]').count(), 1, `${name} changed nothing`);
    await options.reload();
    await options.waitForSelector('[data-own-letter]');
    assert.equal(await options.locator('[data-own-letter]').count(), 1, `${name} stored nothing`);
  }
  // Leave the store as it was.
  await options.click('[data-action="delete"]');
  await options.waitForSelector('[data-action="undo-delete"]');
  await options.close();
});
