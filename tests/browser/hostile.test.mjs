// Hostile and odd pages, in headless Chromium with the built extension: huge pages, many boxes,
// the form in a frame or a shadow root, a box shorter than the letter, pages that draw the box
// anew, wipe it, replace the value setter, rewrite what arrives, or pretend to be the extension.
// In each: no write outside the reason box, nothing submitted, no request leaves the browser,
// and the popup says what really happened ("filled" only after reading the letter back; else a
// message, with Copy as the way out).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settled, norm, sealed, boxes } from './harness.mjs';

const FORM = 'https://www.facebook.com/help/contact/712876720715583';

let b;
before(async () => { b = await launch(); });
afterEach(() => sealed(b));
after(async () => { await b.close(); });

const fixture = (page) => page.evaluate(() => window.__fixture.state());

// Opens a fixture and its popup; returns the page, the popup, the letter and every box's value.
async function start(name, url = FORM) {
  const { page, tabId } = await b.open(url, name);
  await page.waitForFunction(() => window.__fixture && (!window.__fixture.ready || window.__fixture.ready()));
  const before = await boxes(page);
  const popup = await b.popup(tabId);
  assert.equal(await settled(popup), 'form', 'the form is recognised');
  const letter = await popup.locator('#preview').inputValue();
  return { page, popup, tabId, before, letter };
}

// Presses Fill and waits for the outcome: filled, an error, or the form with a message (the
// popup shows no message before the first Fill).
async function fill(popup) {
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"], #app[data-state="error"], #app[data-state="form"] .notice');
  return settled(popup);
}

// Nothing but the reason box changed, and nothing was submitted.
async function onlyTheReasonChanged(page, before) {
  const after = await boxes(page);
  const others = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'REASON'));
  assert.deepEqual(others(after), others(before), 'every other box holds what it held');
  assert.equal(await page.evaluate(() => window.__fixture.submits), 0, 'nothing submitted');
  return after;
}

// A state other than "filled" always offers Copy, and says why.
async function honestFailure(popup) {
  assert.equal(await popup.locator('[data-action="copy"]').count(), 1, 'Copy is offered');
  assert.ok((await popup.locator('.notice').innerText()).trim().length > 10, 'a message says what happened');
}

async function done(...pages) {
  for (const p of pages) await p.close();
}

test('a page of 100,000 elements: recognised and filled, nothing else touched', async () => {
  const { page, popup, before, letter } = await start('fb-huge-en.html');
  assert.ok(await page.evaluate(() => window.__fixture.nodes()) > 100000, 'the page is huge');
  assert.equal(await fill(popup), 'filled');
  await onlyTheReasonChanged(page, before);
  assert.equal((await fixture(page)).reason, letter, 'the letter, exactly');
  await done(popup, page);
});

test('forty text boxes: only the reason box changes', async () => {
  const { page, popup, before, letter } = await start('fb-many-boxes-en.html');
  assert.ok(Object.keys(before).length >= 40, `boxes on the page: ${Object.keys(before).length}`);
  assert.equal(await fill(popup), 'filled');
  const after = await onlyTheReasonChanged(page, before);
  assert.equal(after.REASON, letter);
  await done(popup, page);
});

test('the form in a same-origin frame: filled there; the sandboxed frame is not touched', async () => {
  const { page, popup, before, letter } = await start('fb-iframe-en.html');
  assert.equal(await fill(popup), 'filled');
  const after = await onlyTheReasonChanged(page, before);
  assert.equal(after.REASON, letter);
  assert.equal((await fixture(page)).reason, letter, "the frame's own script saw the letter");
  let lookalike = null;
  for (const frame of page.mainFrame().childFrames()) {
    if (await frame.evaluate(() => document.body.innerText.includes('Sponsored'))) lookalike = frame;
  }
  assert.ok(lookalike, 'the sandboxed frame is there');
  assert.equal(await lookalike.evaluate(() => document.querySelector('textarea').value), '', 'its look-alike box is empty');
  // Undo reaches into the frame too.
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"] .notice.ok');
  assert.equal((await boxes(page)).REASON, '');
  await done(popup, page);
});

test('the form in open shadow roots: filled there; the closed shadow root is not touched', async () => {
  const { page, popup, before, letter } = await start('fb-shadow-en.html');
  assert.equal(await fill(popup), 'filled');
  await onlyTheReasonChanged(page, before);
  const state = await fixture(page);
  assert.equal(state.reason, letter, "the component's own script saw the letter");
  assert.equal(state.reasonBox, letter);
  assert.equal(state.secret, '', 'the look-alike box in the closed shadow root is untouched');
  await popup.click('[data-action="undo"]');
  await popup.waitForSelector('#app[data-state="form"] .notice.ok');
  assert.equal((await fixture(page)).reasonBox, '');
  await done(popup, page);
});

test('a box shorter than the letter: the person is told, nothing is cut, a shortened letter fits', async () => {
  const { page, popup, before, letter } = await start('fb-maxlength-en.html');
  assert.ok(letter.length > 200);
  assert.equal(await fill(popup), 'form');
  const notice = await popup.locator('.notice.warn').innerText();
  assert.match(notice, /\b200\b/, 'the limit is named');
  assert.match(notice, new RegExp(`\\b${new Intl.NumberFormat('en').format(letter.length)}\\b`), "the letter's length is named");
  assert.equal((await fixture(page)).reason, '', 'nothing written, not even part of it');
  assert.equal(await page.evaluate(() => window.__fixture.writes()), 0);
  assert.equal(await popup.locator('[data-action="copy"]').count(), 1, 'Copy is offered');
  // The person shortens the letter in the preview, and fills again.
  const short = 'I object to the use of my information for AI at Meta under Article 21(1) GDPR. Please confirm in writing.';
  await popup.fill('#preview', short);
  await popup.click('[data-action="fill"]');
  await popup.waitForSelector('#app[data-state="filled"], #app[data-state="error"]');
  assert.equal(await settled(popup), 'filled');
  await onlyTheReasonChanged(page, before);
  assert.equal((await fixture(page)).reason, short, 'the shortened letter, exactly');
  await done(popup, page);
});

test('a form that draws the box anew after each change: the new box is read back', async () => {
  const { page, popup, before, letter } = await start('fb-rerender-en.html');
  assert.equal(await fill(popup), 'filled');
  assert.ok(await page.evaluate(() => window.__fixture.draws()) >= 1, 'the box was drawn anew');
  const after = await onlyTheReasonChanged(page, before);
  assert.equal(after.REASON, letter);
  assert.equal((await fixture(page)).reason, letter, "React's state holds the letter");
  assert.equal(await popup.locator('[data-action="undo"]').count(), 0, 'no undo for a box that is gone');
  await done(popup, page);
});

test('a form whose new box forgets the text: an error, with Copy', async () => {
  const { page, popup, before } = await start('fb-rerender-en.html', `${FORM}?keep=0`);
  assert.equal(await fill(popup), 'error');
  assert.match(await popup.locator('.notice.error').innerText(), /removed/i);
  await honestFailure(popup);
  await onlyTheReasonChanged(page, before);
  assert.equal((await fixture(page)).reason, '');
  await done(popup, page);
});

test('a page that wipes the box: an error, with Copy; nothing else touched', async () => {
  const { page, popup, before } = await start('fb-wipe-en.html');
  assert.equal(await fill(popup), 'error');
  await honestFailure(popup);
  await onlyTheReasonChanged(page, before);
  await done(popup, page);
});

test("a page that replaces the value setter: the extension's write does not go through it", async () => {
  const { page, popup, before, letter } = await start('fb-setter-en.html');
  assert.equal(await fill(popup), 'filled');
  assert.equal(await page.evaluate(() => window.__fixture.hijacked()), 0, "the page's setters were never called");
  await onlyTheReasonChanged(page, before);
  const state = await fixture(page);
  assert.equal(state.reasonBox, letter, 'the letter, exactly, not mangled');
  assert.equal(state.reason, letter, "the page's own listener saw it");
  await done(popup, page);
});

test('a page that rewrites what arrives: the letter was written whole, and the popup says the page changed it', async () => {
  const { page, popup, before, letter } = await start('fb-rewrite-en.html');
  assert.equal(await fill(popup), 'error');
  assert.match(await popup.locator('.notice.error').innerText(), /changed/i);
  await honestFailure(popup);
  const arrived = await page.evaluate(() => window.__fixture.arrived());
  assert.equal(arrived[0], letter, 'what the extension wrote is the letter, exactly');
  await onlyTheReasonChanged(page, before);
  await done(popup, page);
});

test('a page that pretends to be the extension: its messages, events and fake shim are ignored', async () => {
  const { page, popup, tabId, before, letter } = await start('fb-spoof-en.html');
  assert.equal(await fill(popup), 'filled');
  await page.waitForFunction(() => window.__fixture.spoof().sent > 50);
  for (let i = 0; i < 30 && (await b.badge(tabId)) !== '\u2713'; i++) await page.waitForTimeout(100);
  assert.equal(await b.badge(tabId), '\u2713', 'the toolbar mark is the extension\'s own, whatever the page posts');
  await onlyTheReasonChanged(page, before);
  assert.equal(norm((await fixture(page)).reason), norm(letter));
  const spoof = await page.evaluate(() => window.__fixture.spoof());
  assert.equal(spoof.calls, 0, "the page's fake shim was never called");
  assert.equal(spoof.reads, 0, "the page's __objectionShim was never even read");
  assert.equal(spoof.runtime, false, 'the page has no way to message the extension');
  await done(popup, page);
});

test('the CSP stops a request from the popup or the background; the guard sees one from the page world and stops it', async () => {
  const { page, tabId } = await b.open(FORM, 'fb-maxlength-en.html');
  const popup = await b.popup(tabId);
  const tried = [
    await popup.evaluate(() => fetch('https://tracker.example.org/popup').then(() => 'sent', () => 'stopped')),
    await b.worker.evaluate(() => fetch('https://tracker.example.org/worker').then(() => 'sent', () => 'stopped')),
  ];
  assert.deepEqual(tried, ['stopped', 'stopped']);
  assert.doesNotThrow(() => sealed(b), 'the CSP stopped them before they were requests');
  // The extension's content-script world in Meta's page is not under the extension pages' CSP:
  // a request from there reaches the guard, which stops it and fails the test.
  await b.worker.evaluate((id) => chrome.scripting.executeScript({
    target: { tabId: id }, func: () => fetch('https://tracker.example.org/content').then(() => 'sent', () => 'stopped'),
  }), tabId);
  await page.waitForTimeout(300);
  assert.throws(() => sealed(b), /left the browser/, 'the check after each test would fail');
  await done(popup, page);
});
