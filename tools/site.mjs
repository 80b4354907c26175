// Builds the website's pages: one source per page (www/src/<page>.html, inside the shared
// www/src/layout.html) and one translation file per language (www/i18n/<locale>.json), into
// <out>/<locale>/<page>.html for each of the letters' 28 locales, and English once more at <out>/
// (the site's default, which offers a visitor the language their browser prefers).
//
//   node tools/site.mjs <out> [--i18n <dir>]
//
// make runs it for dist/www, after copying the downloads there. --i18n reads the translations
// from another folder (the tests use it to check that a broken file stops the build).
//
// The translations are data, checked here: every language has every key of English and no other,
// each value is a non-empty string, and its markup is exactly the English value's (the same
// inline tags with the same attributes, e.g. the same links; nothing else). Any mistake stops the
// build with a message naming the file and the key.
//
// In a page source:
//   {{t:key}}        the translation, as HTML (inline tags only, as checked above)
//   {{a:key}}        the translation inside an attribute value (no markup; quotes escaped)
//   a key may start with "%.": the page's own keys (%.title in guide.html is guide.title)
//   {{root}}         the way back to the site's root ("" or "../")
//   {{lang}}, {{locale}}, {{csp}}, {{alternates}}, {{scripts}}, {{switcher}}, {{content}}
//   {{current:<page>}}  aria-current="page" on the link to the page being built
//   {{download:<file>}} a package in download/: its link, size and SHA-256
//   {{residences}}   the data protection authorities of src/rules/residences.toml
//   {{size:<file>}}  width and height of img/<file>, read from the PNG
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'www/src');
const I18N = join(ROOT, 'www/i18n');
const RESIDENCES = join(ROOT, 'src/rules/residences.toml');
const LETTERS = join(ROOT, 'src/letters');

/** The pages, in the order of the site's menu. `scripts`: the scripts a page loads. */
export const PAGES = [
  { id: 'index', file: 'index.html', scripts: [] },
  { id: 'composer', file: 'composer.html', scripts: ['composer.js'] },
  { id: 'guide', file: 'guide.html', scripts: [] },
  { id: 'privacy', file: 'privacy.html', scripts: [] },
];

/** The letters' locales (folder names of src/letters): the site's languages. */
export const LOCALES = readdirSync(LETTERS).filter((d) => statSync(join(LETTERS, d)).isDirectory()).sort();

/** The default language, also at the site's root. */
export const DEFAULT_LOCALE = 'en';

/** A locale's BCP 47 tag for `lang` and `hreflang`: pt-BR, en-GB, pt-PT (Portuguese alone is
 * European Portuguese, as in the letters), de. */
export function tag(locale) {
  if (locale === 'pt') return 'pt-PT';
  const [lang, region] = locale.split('-');
  return region ? `${lang}-${region.toUpperCase()}` : lang;
}

/** Each language as it names itself (the same names as the extension's language list). */
export const ENDONYMS = {
  bg: 'Български', cs: 'Čeština', da: 'Dansk', de: 'Deutsch', el: 'Ελληνικά', en: 'English',
  'en-gb': 'English (UK)', es: 'Español', et: 'Eesti', fi: 'Suomi', fr: 'Français', ga: 'Gaeilge',
  hr: 'Hrvatski', hu: 'Magyar', is: 'Íslenska', it: 'Italiano', lt: 'Lietuvių', lv: 'Latviešu',
  mt: 'Malti', nb: 'Norsk bokmål', nl: 'Nederlands', pl: 'Polski', pt: 'Português',
  'pt-br': 'Português (Brasil)', ro: 'Română', sk: 'Slovenčina', sl: 'Slovenščina', sv: 'Svenska',
};

/** The language an authority names itself in (residences.toml gives the name, not its language). */
const AUTHORITY_LANG = {
  AT: 'de', BE: 'nl', BG: 'bg', BR: 'pt-BR', CH: 'de', CY: 'el', CZ: 'cs', DE: 'de', DK: 'da',
  EE: 'et', ES: 'es', FI: 'fi', FR: 'fr', GB: 'en', GR: 'el', HR: 'hr', HU: 'hu', IE: 'ga',
  IS: 'is', IT: 'it', LI: 'de', LT: 'lt', LU: 'fr', LV: 'lv', MT: 'en', NL: 'nl', NO: 'nb',
  PL: 'pl', PT: 'pt-PT', RO: 'ro', SE: 'sv', SI: 'sl', SK: 'sk',
};

/** The inline tags a translation may hold (and only where the English value holds them). */
const INLINE = new Set(['a', 'strong', 'em', 'code', 'span', 'br']);

/** Each page's Content-Security-Policy: nothing from elsewhere, no inline script or style. */
const csp = (script, connect) => `default-src 'self'; script-src ${script}; style-src 'self'; img-src 'self'; `
  + `connect-src ${connect}; object-src 'none'; base-uri 'none'; form-action 'none'`;

const errors = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);
const rel = (path) => relative(ROOT, path);

export const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---- translations -------------------------------------------------------------------------------

/** The markup of a value: its tags in order ("a href=…", "/a", "strong"…), or an error. */
function markup(value) {
  const tags = [];
  const stack = [];
  for (const m of value.matchAll(/<(\/?)([a-zA-Z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*(\/?)>|<|>/g)) {
    if (!m[2]) return { error: `a stray "${m[0]}" (write &lt; or &gt;, or use the English value's tags)` };
    const name = m[2].toLowerCase();
    if (!INLINE.has(name)) return { error: `the tag <${name}> (only ${[...INLINE].join(', ')} may appear, and only as in English)` };
    if (m[1]) {
      if (stack.pop() !== name) return { error: `</${name}> closes nothing open` };
      tags.push(`/${name}`);
    } else {
      const attrs = m[3].trim().split(/\s+(?=[a-z-]+=")/).filter(Boolean).sort().join(' ');
      tags.push(attrs ? `${name} ${attrs}` : name);
      if (name !== 'br' && !m[4]) stack.push(name);
    }
  }
  if (stack.length) return { error: `<${stack.pop()}> is never closed` };
  return { tags };
}

const sorted = (list) => [...list].sort().join(' | ');

/** Reads and checks every translation file of `dir` against English; returns
 * { locale: { key: value } }, or null when English itself cannot be read. */
export function loadTranslations(dir = I18N) {
  const read = (locale) => {
    const file = join(dir, `${locale}.json`);
    if (!existsSync(file)) { fail(rel(file), `missing: every locale of the letters needs a translation file (copy en.json and translate it)`); return null; }
    let data;
    try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { fail(rel(file), `not valid JSON: ${e.message}`); return null; }
    if (!data || typeof data !== 'object' || Array.isArray(data)) { fail(rel(file), 'must be one JSON object of "key": "text"'); return null; }
    return data;
  };
  const en = read(DEFAULT_LOCALE);
  if (!en) return null;
  const enMarkup = {};
  for (const [key, value] of Object.entries(en)) {
    if (typeof value !== 'string' || !value.trim()) { fail(rel(join(dir, 'en.json')), `key "${key}": must be a non-empty string`); continue; }
    const m = markup(value);
    if (m.error) fail(rel(join(dir, 'en.json')), `key "${key}": ${m.error}`);
    else enMarkup[key] = m.tags;
  }
  for (const file of readdirSync(dir)) {
    const locale = file.replace(/\.json$/, '');
    if (file.endsWith('.json') && !LOCALES.includes(locale)) fail(rel(join(dir, file)), `not a locale of the letters (${LOCALES.join(', ')})`);
  }
  const all = { [DEFAULT_LOCALE]: en };
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    const data = read(locale);
    if (!data) continue;
    const where = rel(join(dir, `${locale}.json`));
    for (const key of Object.keys(en)) if (!(key in data)) fail(where, `key "${key}" is missing`);
    for (const [key, value] of Object.entries(data)) {
      if (!(key in en)) { fail(where, `key "${key}" is not in en.json (a typo, or a key English no longer has)`); continue; }
      if (typeof value !== 'string' || !value.trim()) { fail(where, `key "${key}": must be a non-empty string`); continue; }
      if (/\{\{|\}\}/.test(value)) { fail(where, `key "${key}": holds "{{" or "}}"`); continue; }
      const m = markup(value);
      if (m.error) { fail(where, `key "${key}": ${m.error}`); continue; }
      if (enMarkup[key] && sorted(m.tags) !== sorted(enMarkup[key])) {
        fail(where, `key "${key}": its markup differs from English (English: ${sorted(enMarkup[key]) || 'none'}; here: ${sorted(m.tags) || 'none'})`);
      }
    }
    all[locale] = data;
  }
  return all;
}

/** The problems `loadTranslations` finds in the translation files of `dir` (for the tests). */
export function checkTranslations(dir = I18N) {
  errors.length = 0;
  loadTranslations(dir);
  return errors.splice(0);
}

// ---- residences.toml ----------------------------------------------------------------------------

/** Reads the few TOML forms residences.toml uses ([[table]], key = "string", comments), and
 * refuses anything else, so that a change of format is noticed here rather than misread. */
export function readResidences(path = RESIDENCES) {
  const where = rel(path);
  if (!existsSync(path)) { fail(where, 'missing (the guide lists its data protection authorities)'); return []; }
  const list = [];
  let current = null;
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
    const text = line.trim();
    if (!text || text.startsWith('#')) return;
    if (text === '[[residence]]') { current = {}; list.push(current); return; }
    const m = text.match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$/);
    if (!m || !current) { fail(`${where}:${i + 1}`, `cannot read "${text}" (expected [[residence]] or key = "text")`); return; }
    current[m[1]] = JSON.parse(`"${m[2]}"`);
  });
  for (const r of list) {
    for (const k of ['code', 'law', 'authority', 'complaint']) if (!r[k]) fail(where, `a residence without ${k} (${r.code || '?'})`);
    if (r.complaint && !/^https:\/\/[^\s"<>]+$/.test(r.complaint)) fail(where, `${r.code}: complaint is not an https address`);
    if (r.code && !AUTHORITY_LANG[r.code]) fail('tools/site.mjs', `AUTHORITY_LANG has no language for ${r.code} (residences.toml lists it)`);
  }
  return list;
}

function residenceList(locale, residences) {
  const t = tag(locale);
  const regions = new Intl.DisplayNames([t], { type: 'region' });
  const collator = new Intl.Collator(t);
  const english = locale === 'en' || locale === 'en-gb';
  const items = residences
    .map((r) => ({ ...r, country: regions.of(r.code) ?? r.code }))
    .sort((a, b) => collator.compare(a.country, b.country))
    .map((r) => {
      const also = english && r.authority_en && r.authority_en !== r.authority ? ` (${escapeHtml(r.authority_en)})` : '';
      return `<li data-country="${r.code}"><span class="country">${escapeHtml(r.country)}</span>: `
        + `<a href="${escapeHtml(r.complaint)}" lang="${AUTHORITY_LANG[r.code]}" translate="no">${escapeHtml(r.authority)}</a>${also}</li>`;
    });
  return `<ul class="dpa" data-generated>\n${items.join('\n')}\n</ul>`;
}

// ---- downloads ----------------------------------------------------------------------------------

function download(out, locale, root, file, t) {
  const path = join(out, 'download', file);
  if (!existsSync(path)) { fail(rel(path), 'missing: the packages are copied to download/ before the pages are built'); return ''; }
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const size = new Intl.NumberFormat(tag(locale), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(bytes.length / 1000);
  return `<span class="download"><a href="${root}download/${file}" download translate="no">${file}</a> <span class="size" data-generated>(${size})</span></span>\n`
    + `<span class="checksum">${t('index.checksum')} <code translate="no" data-sha256="${file}">${sha}</code></span>`;
}

// ---- pages --------------------------------------------------------------------------------------

function build(out, i18n) {
  const translations = loadTranslations(i18n);
  const residences = readResidences();
  const layoutFile = join(SRC, 'layout.html');
  const layout = readFileSync(layoutFile, 'utf8');
  const sources = Object.fromEntries(PAGES.map((p) => [p.id, readFileSync(join(SRC, p.file), 'utf8')]));
  for (const file of readdirSync(SRC)) {
    if (file !== 'layout.html' && !PAGES.some((p) => p.file === file)) fail(`www/src/${file}`, 'not a page of the site (tools/site.mjs PAGES)');
  }
  if (!translations) return;

  // Every key used exists in English, and every English key is used.
  const en = translations[DEFAULT_LOCALE];
  const used = new Set();
  for (const page of PAGES) {
    for (const [name, text] of [['layout.html', layout], [page.file, sources[page.id]]]) {
      for (const m of text.matchAll(/\{\{[ta]:([^}]+)\}\}/g)) {
        const key = m[1].replace(/^%\./, `${page.id}.`);
        used.add(key);
        if (!(key in en)) fail(`www/src/${name}`, `key "${key}" is not in www/i18n/en.json`);
      }
    }
  }
  used.add('index.checksum'); // in {{download:…}}
  used.add('common.offer');   // on the root's language links
  for (const key of Object.keys(en)) if (!used.has(key)) fail('www/i18n/en.json', `key "${key}" is used by no page`);
  if (errors.length) return;

  // The root (English, the default) and a folder per locale.
  const targets = [{ locale: DEFAULT_LOCALE, dir: '', root: '' }, ...LOCALES.map((l) => ({ locale: l, dir: l, root: '../' }))];
  const switchOrder = [...LOCALES].sort((a, b) => new Intl.Collator('und').compare(ENDONYMS[a], ENDONYMS[b]));
  for (const l of LOCALES) if (!ENDONYMS[l]) fail('tools/site.mjs', `ENDONYMS has no name for ${l}`);
  for (const target of targets) {
    const { locale, dir, root } = target;
    const atRoot = dir === '';
    const strings = translations[locale];
    const t = (key) => strings[key];
    mkdirSync(join(out, dir), { recursive: true });
    for (const page of PAGES) {
      const scripts = [...page.scripts, ...(atRoot ? ['lang.js'] : [])];
      const wasm = page.scripts.includes('composer.js');
      const policy = csp(scripts.length ? `'self'${wasm ? " 'wasm-unsafe-eval'" : ''}` : "'none'", wasm ? "'self'" : "'none'");
      const alternates = [
        ...LOCALES.map((l) => `<link rel="alternate" hreflang="${tag(l)}" href="${root}${l}/${page.file}">`),
        `<link rel="alternate" hreflang="x-default" href="${root}${page.file}">`,
      ].join('\n  ');
      const switcher = `<ul class="lang-list">\n${switchOrder.map((l) => {
        const current = l === locale ? ' aria-current="true"' : '';
        const offer = atRoot && l !== DEFAULT_LOCALE ? ` data-locale="${l}" data-offer="${escapeHtml(translations[l]['common.offer'])}"` : '';
        return `<li><a href="${root}${l}/${page.file}" hreflang="${tag(l)}" lang="${tag(l)}"${current}${offer}>${ENDONYMS[l]}</a></li>`;
      }).join('\n')}\n</ul>`;
      const scriptTags = scripts.map((s) => s === 'composer.js'
        ? `<script type="module" src="${root}${s}"></script>`
        : `<script src="${root}${s}" defer></script>`).join('\n  ');

      const where = `www/src/${page.file} (${locale})`;
      const fill = (text) => text.replace(/\{\{([^{}]+)\}\}/g, (whole, name) => {
        const [kind, arg] = name.split(/:(.*)/s);
        const key = arg?.replace(/^%\./, `${page.id}.`);
        switch (kind) {
          case 't': return t(key);
          case 'a': {
            const v = t(key);
            if (/[<>]/.test(v)) fail(`www/i18n/${locale}.json`, `key "${key}" is used in an attribute and must hold no markup`);
            return v.replace(/"/g, '&quot;');
          }
          case 'root': return root;
          case 'lang': return tag(locale);
          case 'locale': return locale;
          case 'csp': return policy;
          case 'alternates': return alternates;
          case 'scripts': return scriptTags;
          case 'switcher': return switcher;
          case 'current': return arg === page.id ? ' aria-current="page"' : '';
          case 'download': return download(out, locale, root, arg, t);
          case 'residences': return residenceList(locale, residences);
          case 'size': return imageSize(out, arg, where);
          default: fail(where, `unknown placeholder ${whole}`); return '';
        }
      });
      const html = fill(layout.replace('{{content}}', () => sources[page.id].trim()));
      writeFileSync(join(out, dir, page.file), html);
    }
  }
}

// `width="…" height="…"` of an image in the site's img/ (a PNG: its header says), so that a
// screenshot re-taken at another size is never shown stretched.
function imageSize(out, file, where) {
  let head;
  try {
    head = readFileSync(join(out, 'img', file)).subarray(0, 24);
  } catch (e) {
    fail(where, `image img/${file}: ${e.message}`);
    return '';
  }
  if (head.length < 24 || head.toString('latin1', 1, 4) !== 'PNG' || head.toString('latin1', 12, 16) !== 'IHDR') {
    fail(where, `img/${file} is not a PNG`);
    return '';
  }
  return `width="${head.readUInt32BE(16)}" height="${head.readUInt32BE(20)}"`;
}

// Run as a program (not when a test imports the lists above).
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const [out, option, i18n] = process.argv.slice(2);
  if (!out || (option && (option !== '--i18n' || !i18n))) {
    console.error('usage: node tools/site.mjs <out-dir> [--i18n <translations-dir>]');
    process.exit(2);
  }
  build(out, i18n);
  if (errors.length) {
    console.error(`The website was not built (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n  ${errors.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Built the website in ${out}: ${PAGES.length} pages in ${LOCALES.length} languages, and English at the root`);
}
