// Plural forms: a message about a number ("$1 characters", "Imported $1 new letters") has the form
// each of its language's plural categories needs (CLDR, as Intl.PluralRules knows it), and the
// popup shows the right one as the number changes ("1 znak", "2 znaki", "5 znaków").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, sealed } from './harness.mjs';

const LOCALES_DIR = new URL('../../extension/_locales/', import.meta.url);
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many'];

/** @param {string} locale */
function messages(locale) {
  return JSON.parse(readFileSync(new URL(`${locale}/messages.json`, LOCALES_DIR), 'utf8'));
}

/** The English messages about a number: those with an English plural form. */
function countedKeys() {
  const en = messages('en');
  return Object.keys(en).filter((k) => CATEGORIES.some((c) => `${k}_${c}` in en));
}

/** The categories other than "other" that whole numbers up to 100,000 reach in a language. */
function integerCategories(tag) {
  const rules = new Intl.PluralRules(tag);
  const seen = new Set();
  for (let n = 0; n <= 2000; n++) seen.add(rules.select(n));
  for (const n of [10000, 21000, 100000]) seen.add(rules.select(n));
  seen.delete('other');
  return seen;
}

/** A message's form for `n` in a locale, as the extension should show it. */
function expected(m, key, tag, n) {
  const form = m[`${key}_${new Intl.PluralRules(tag).select(n)}`] || m[key];
  return form.message.replace('$1', new Intl.NumberFormat(tag).format(n));
}

test('every message about a number has the forms its language needs, and no others', () => {
  const keys = countedKeys();
  assert.ok(keys.includes('charCount') && keys.includes('importDone'), `counted messages: ${keys}`);
  const problems = [];
  for (const locale of readdirSync(LOCALES_DIR)) {
    const tag = locale.replace('_', '-');
    const need = integerCategories(tag);
    const has = new Set(new Intl.PluralRules(tag).resolvedOptions().pluralCategories);
    const m = messages(locale);
    for (const key of keys) {
      for (const c of need) if (!m[`${key}_${c}`]) problems.push(`${locale}: ${key}_${c} missing`);
      for (const c of CATEGORIES) {
        if (m[`${key}_${c}`] && !has.has(c)) problems.push(`${locale}: ${key}_${c}, a category ${tag} does not have`);
      }
    }
    for (const k of Object.keys(m)) {
      const [, base, c] = k.match(/^(.*)_(zero|one|two|few|many)$/) || [];
      if (base && !keys.includes(base)) problems.push(`${locale}: ${k}, but ${base} has no English plural form`);
      if (base && m[k].message.includes('$1') !== m[base].message.includes('$1')) problems.push(`${locale}: ${k} and ${base} differ in $1`);
    }
  }
  assert.deepEqual(problems, []);
});

// Languages whose categories differ most: Polish (one, few, many), Irish (one, two, few, many),
// Latvian (zero, one), Slovenian (one, two, few), and English.
for (const locale of ['pl', 'ga', 'lv', 'sl', 'en']) {
  test(`${locale}: the popup counts the letter's characters in the right plural form`, async () => {
    const tag = locale;
    const b = await launch({ locale: tag });
    try {
      const { page, tabId } = await b.open('https://www.facebook.com/help/contact/6359191084165019', 'fb-2024-en-react.html');
      const popup = await b.popup(tabId);
      const m = messages(locale);
      for (const n of [1, 2, 3, 5, 11, 22, 100, 1234]) {
        await popup.fill('#preview', 'a'.repeat(n));
        const want = expected(m, 'charCount', tag, n);
        assert.equal(await popup.locator('#count').innerText(), want, `${n} characters`);
      }
      await page.close();
      sealed(b);
    } finally {
      await b.close();
    }
  });
}
