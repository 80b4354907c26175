// Which box takes the letter, in the real browser: the person chooses when the core is not sure
// (and the choice is remembered), the popup follows a form that changes while it is open, and a
// form still drawing is waited for rather than reported as missing its box.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, norm, sealed, boxes, screenshotPath } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

const FORM = 'https://www.facebook.com/help/contact/712876720715583';
const TITLE = 'Object to Your Information Being Used for AI at Meta';

/** A desktop-style page of Meta's form with the given rows inside its <form>. */
function formPage(rows, { lang = 'en', locale = 'en_GB', id = '712876720715583', title = TITLE, extra = '', script = '' } = {}) {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>
<form method="post" action="/ajax/help/contact/submit/page" id="u_0_7_Qx">
 <h2>${title}</h2>
 <div id="SupportFormRow.480000000000002"><label for="480000000000002">Email address</label>
  <input type="text" id="480000000000002" name="email" value="person@example.org"></div>
 ${rows}
 <input type="hidden" name="support_form_id" value="${id}">
 <input type="hidden" name="support_form_locale_id" value="${locale}">
 <button type="submit">Send</button>
</form>${extra}
<script>
 window.__submits = 0;
 document.addEventListener('submit', (e) => { e.preventDefault(); window.__submits++; }, true);
 ${script}
</script></body></html>`;
}

const row = (id, label, attrs = '') =>
  `<div id="SupportFormRow.${id}">${label}<textarea id="${id}" name="Field${id}" ${attrs}></textarea></div>`;

async function noticeTexts(popup) {
  return popup.locator('.notice').evaluateAll((els) => els.map((e) => e.textContent));
}

test('two boxes nothing tells apart: the popup lists them, marks the one in focus, and fills the one picked', async () => {
  const html = formPage(row('480000000000003', '') + row('480000000000004', ''));
  const { page, tabId } = await b.openHtml(FORM, html);
  await page.focus('[id="480000000000004"]');
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  const choices = popup.locator('#boxes label.box');
  assert.equal(await choices.count(), 2, 'both boxes offered');
  assert.deepEqual(await choices.evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim())),
    ['Box 1 of 2', 'Box 2 of 2 selected on the page']);
  assert.equal(await popup.locator('#boxes label.box[data-pointed]').getAttribute('data-box'), 'id:480000000000004');
  assert.ok(await popup.locator('[data-action="fill"]').isDisabled(), 'no guess: Fill waits for a choice');
  assert.match((await noticeTexts(popup)).join(' '), /Choose the one for your reason/);
  await popup.screenshot({ path: screenshotPath('popup-choose-box.png') });
  await popup.locator('#boxes label.box[data-box="id:480000000000004"] input').check();
  const letter = await popup.locator('#preview').inputValue();
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  const after = await boxes(page);
  assert.equal(norm(after[' textarea#480000000000004']), norm(letter), 'the letter is in the box picked');
  assert.equal(after[' textarea#480000000000003'], '', 'the other box is untouched');
  assert.equal(after[' input#480000000000002'], 'person@example.org');
  await popup.close();
  // The choice is remembered for this form and language: reopened, the same box is chosen.
  await page.reload();
  const again = await b.popup(tabId);
  assert.equal(await settled(again), 'form');
  assert.ok(await again.locator('#boxes label.box[data-box="id:480000000000004"] input').isChecked());
  assert.ok(!(await again.locator('[data-action="fill"]').isDisabled()));
  assert.equal(await page.evaluate(() => window.__submits), 0);
  await again.close();
  await page.close();
});

test('m.facebook.com: bare-text labels put the letter in the reason box, not the optional box after it', async () => {
  const mobile = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Facebook</title></head>
<body class="touch x2 ios sf mSafari _fzu _50-3 _55wm"><div id="viewport"><div id="page"><div id="rootcontainer"><div id="root" role="main"><div><article>
<form method="post" action="/a/help/contact_us/" class="_5u9h" enctype="multipart/form-data" id="${TITLE}">
<input type="hidden" name="fb_dtsg" value="NAfTest:50:1769352215" autocomplete="off"/>
<div class="_56be"><div class="_55wo"><h3 class="_52je">${TITLE}</h3><div>
<div class="_55wr" id="SupportFormRow.480000000000001"><div><div class="acw" data-sigil="marea"><div><p class="_46ki">You have the right to object to Meta using the information you've shared.</p></div></div></div></div>
<div class="_55wr" id="SupportFormRow.480000000000002"><div><div class="acw" data-sigil="marea">Email address<br/><input type="text" name="email" id="480000000000002" value="person@example.org"/></div></div></div>
<div class="_55wr" id="SupportFormRow.480000000000003"><div><div class="acw" data-sigil="marea">Please tell us how this processing impacts you<br/><textarea name="Field480000000000003" id="480000000000003" data-testid="reason"></textarea></div></div></div>
<div class="_55wr" id="SupportFormRow.480000000000004"><div><div class="acw" data-sigil="marea">Any other information that could help us review your objection<br/><textarea name="Field480000000000004" id="480000000000004"></textarea></div></div></div>
<input type="hidden" name="form_id" value="712876720715583"/><input type="hidden" name="support_form_id" value="712876720715583"/>
<input type="hidden" name="support_form_locale_id" value="en_GB"/>
<input type="hidden" id="support_form_712876720715583_hidden_fields" name="support_form_hidden_fields" value="[]"/>
</div></div></div>
<div class="_3-8y"><button type="submit" value="Send" class="_54k8" data-sigil="touchable"><span class="_55sr">Send</span></button></div>
</form></article></div><div style="display:none"><iframe data-testid="sem_pixel_iframe" width="0" height="0" src="about:blank"></iframe></div></div></div></div></div></body></html>`;
  const { page, tabId } = await b.openHtml('https://m.facebook.com/help/contact/712876720715583', mobile);
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  assert.equal(await popup.locator('#boxes').count(), 0, 'sure of the box: no question');
  const letter = await popup.locator('#preview').inputValue();
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  const after = await boxes(page);
  assert.equal(norm(after.REASON), norm(letter));
  assert.equal(after[' textarea#480000000000004'], '', 'the optional box stays empty');
  await popup.close();
  await page.close();
});

test('a row revealed by a choice while the popup is open: the popup follows without being reopened', async () => {
  // Modelled on the German branching path: the reason row appears after "Ja".
  const rows = `<div id="SupportFormRow.480000000000010"><div>Bezieht sich deine Anfrage auf KI bei Meta?</div>
   <label><input type="radio" name="Field480000000000010" id="480000000000010.0" value="Ja"><span>Ja</span></label>
   <label><input type="radio" name="Field480000000000010" id="480000000000010.1" value="Nein"><span>Nein</span></label></div>
  <div id="u_0_5_Zk" style="display:none">
   <div id="SupportFormRow.480000000000012"><div>Bitte teile uns mit, wie sich diese Verarbeitung auf dich auswirkt</div>
   <textarea id="480000000000012" name="Field480000000000012" data-testid="reason"></textarea></div></div>
  <input type="hidden" name="support_form_hidden_fields" value='{"480000000000012":true}'>`;
  const script = `document.getElementById('480000000000010.0').addEventListener('change', () => {
    document.getElementById('u_0_5_Zk').style.display = '';
    document.querySelector('[name=support_form_hidden_fields]').value = '{"480000000000012":false}';
  });`;
  const html = formPage(rows, { lang: 'de', locale: 'de_DE', title: 'Einspruch gegen die Verwendung deiner Informationen für KI bei Meta', script });
  const { page, tabId } = await b.openHtml('https://de-de.facebook.com/help/contact/712876720715583', html);
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  assert.ok(await popup.locator('[data-action="fill"]').isDisabled(), 'no box yet');
  await page.check('[id="480000000000010.0"]');
  await popup.waitForSelector('[data-action="fill"]:not([disabled])', { timeout: 5000 });
  const letter = await popup.locator('#preview').inputValue();
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  assert.equal(norm((await boxes(page)).REASON), norm(letter));
  await popup.close();
  await page.close();
});

test('a box drawn late: the popup waits, never says the box is missing, then fills it', async () => {
  const script = `setTimeout(() => {
    const r = document.createElement('div');
    r.id = 'SupportFormRow.480000000000003';
    r.innerHTML = '<label for="480000000000003">Please tell us how this processing impacts you</label>'
      + '<textarea id="480000000000003" name="Field480000000000003" data-testid="reason"></textarea>';
    document.querySelector('form').insertBefore(r, document.querySelector('input[type=hidden]'));
  }, 2500);`;
  const { page, tabId } = await b.openHtml(FORM, formPage('', { script }));
  const popup = await b.popup(tabId);
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    for (const t of await noticeTexts(popup)) seen.add(t);
    if (await popup.locator('[data-action="fill"]:not([disabled])').count()) break;
    await popup.waitForTimeout(150);
  }
  assert.ok(!(await popup.locator('[data-action="fill"]').isDisabled()), 'the late box is found');
  assert.ok(![...seen].some((t) => /logged in/.test(t)), `never reported missing while drawing: ${[...seen]}`);
  assert.ok([...seen].some((t) => /still drawing/.test(t)), `said it is waiting: ${[...seen]}`);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  await popup.close();
  await page.close();
});

test('after Send, the email-code layer never receives the letter', async () => {
  const layer = `<div><div></div><div><div><div><form method="post" action="#">
    <div>Enter the code we sent to your email</div>
    <div><div>We sent a code to p*****@example.org. It expires in one hour.</div>
    <div><div><input type="text" class="inputtext" name="code" autocomplete="off"></div></div></div>
    <div><button type="submit">Continue</button></div></form></div></div></div></div>`;
  const html = formPage(row('480000000000003', '<label for="480000000000003">Please tell us how this processing impacts you</label>', 'data-testid="reason"'), { extra: layer });
  const { page, tabId } = await b.openHtml(FORM, html);
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form');
  const letter = await popup.locator('#preview').inputValue();
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"]');
  const after = await boxes(page);
  assert.equal(norm(after.REASON), norm(letter));
  assert.equal(after[' input#code'], '', 'the code box is untouched');
  await popup.close();
  await page.close();
});
