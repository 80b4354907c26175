// The generated fixture corpus: Meta's AI-objection help-centre forms (and look-alikes that must
// not be claimed) in every page style, language, field order and form number the tests know.
//
// `cases()` lists every combination; `page(c)` builds one page as text, with the URL it is served
// at and what the extension must make of it. The wording comes from tests/corpus/locales/*.json
// (data only); the markup follows /work/shared/real-markup.md §2 and §5. No dependencies.
//
// Each combination is drawn once, in one wording: the title and reason wordings, the known form
// number and the host are picked by a hash of the case's name (the same on every run), and the
// second title wording comes with typographic punctuation all over the form. tests/corpus.rs
// models the report the page shim gives for these pages in every such variant (the same rows,
// labels and forms), so keep the two in step when a page's shape changes here.
import { readFileSync } from 'node:fs';

/** @typedef {'desktop-for'|'desktop-div'|'mobile-br'|'react'|'contenteditable'|'shadow'} Style */
/** @typedef {'alone'|'reason-other'|'other-reason'|'required'} Order */
/** @typedef {'ai-objection'|'third-party-data'} Form */

/**
 * One page of the corpus.
 * @typedef {object} Case
 * @property {'form'|'other-form'|'after-send'|'lookalike'} kind
 *   `form`: a form the extension must fill; `other-form`: another help-centre form at an unknown
 *   number (not claimed); `after-send`: the objection form with Meta's email-code layer appended;
 *   `lookalike`: the objection form on a host that only looks like Facebook's (not claimed).
 * @property {string} name  unique, readable: `form/ai-objection/desktop-for/de/required/known`
 * @property {Style} style
 * @property {string} locale  a file name in tests/corpus/locales (`de`, `en-gb`, `pt-br`…)
 * @property {Form} [form]
 * @property {Order} [order]
 * @property {'known'|'unknown'} [id]
 * @property {number} [other]  which of the locale's `otherForms` (kind `other-form`)
 */

/**
 * What the extension must make of a page: the popup's `data-form`, `data-platform`, `data-lang`
 * (and the letter language it preselects), and that the letter goes into the box with
 * `data-testid="reason"`. `form: null` for pages that must not be claimed.
 * @typedef {object} Expect
 * @property {Form|null} form
 * @property {'facebook'|'instagram'} [platform]
 * @property {string} [lang]
 * @property {string} [locale]
 * @property {boolean} [reason]
 * @property {Record<string, { kind: string, required: boolean, labels: { source: string, text: string }[] }>} [fields]
 *   what the page shim reports for each box of the form, by field id (the model tests/corpus.rs uses)
 */

export const STYLES = /** @type {Style[]} */ (['desktop-for', 'desktop-div', 'mobile-br', 'react', 'contenteditable', 'shadow']);
export const ORDERS = /** @type {Order[]} */ (['alone', 'reason-other', 'other-reason', 'required']);
export const IDS = /** @type {const} */ (['known', 'unknown']);
export const FORMS = /** @type {Form[]} */ (['ai-objection', 'third-party-data']);
export const LOCALES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'en-gb', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'is',
  'it', 'lt', 'lv', 'mt', 'nb', 'nl', 'pl', 'pt', 'pt-br', 'ro', 'sk', 'sl', 'sv'];

/** The form numbers of src/rules/forms.toml; a generated unknown number is never one of them. */
export const KNOWN_IDS = {
  'ai-objection': [
    { id: '712876720715583', platform: 'facebook' },
    { id: '767264225370182', platform: 'instagram' },
    { id: '6359191084165019', platform: 'facebook', country: true }, // the 2024 form, with its country select
  ],
  'third-party-data': [{ id: '510058597920541', platform: 'facebook', country: true }],
};
const ALL_KNOWN = new Set(['6359191084165019', '233964459562201', '712876720715583', '767264225370182',
  '1266025207620918', '510058597920541']);

export const LOOKALIKE_HOST = 'www.facebook.com-privacy-centre.help';
export const EMAIL = 'person@example.org';

const cache = new Map();
/**
 * The wording of one locale (tests/corpus/locales/<code>.json).
 * @param {string} code
 * @returns {any}
 */
export function wording(code) {
  if (!cache.has(code)) {
    cache.set(code, JSON.parse(readFileSync(new URL(`./locales/${code}.json`, import.meta.url), 'utf8')));
  }
  return cache.get(code);
}

/**
 * Every page of the corpus, in a fixed order.
 * @returns {Case[]}
 */
export function cases() {
  const out = [];
  for (const form of FORMS) {
    for (const style of STYLES) {
      for (const locale of LOCALES) {
        for (const order of ORDERS) {
          for (const id of IDS) {
            out.push({ kind: 'form', name: `form/${form}/${style}/${locale}/${order}/${id}`, form, style, locale, order, id });
          }
        }
      }
    }
  }
  for (const style of STYLES) {
    for (const locale of LOCALES) {
      wording(locale).otherForms.forEach((/** @type {any} */ _, other) => {
        out.push({ kind: 'other-form', name: `other-form/${style}/${locale}/${other}`, style, locale, other });
      });
    }
  }
  for (const style of STYLES) {
    for (const locale of LOCALES) {
      const order = ORDERS[hash(`after-send/${style}/${locale}`) % ORDERS.length];
      out.push({ kind: 'after-send', name: `after-send/${style}/${locale}`, form: 'ai-objection', style, locale, order, id: 'known' });
    }
  }
  STYLES.forEach((style, i) => {
    const locale = LOCALES[(i * 5) % LOCALES.length];
    out.push({ kind: 'lookalike', name: `lookalike/${style}/${locale}`, form: 'ai-objection', style, locale, order: 'alone', id: 'known' });
  });
  return out;
}

// ---- deterministic choices ----------------------------------------------------------------------

/** FNV-1a over the UTF-8 bytes of `text`: the same number on every run and machine. */
function hash(text) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** `n` decimal digits drawn from `seed`, not starting with 0 (Meta's numeric ids). */
function digits(seed, n) {
  let x = hash(seed) || 1;
  let out = '';
  while (out.length < n) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    const d = x % 10;
    if (out || d) out += String(d);
  }
  return out;
}

/** Typographic punctuation: curly apostrophes, and no-break spaces before ? : ; ! */
export function typographic(/** @type {string} */ text) {
  return text.replace(/'/g, '\u2019').replace(/ ([?:;!])/g, '\u00a0$1');
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The code we use for a Meta locale (`en_GB` → `en-gb`, `pt_PT` → `pt`, `de_DE` → `de`). */
function ourLocale(metaLocale) {
  const [lang, region = ''] = metaLocale.toLowerCase().split('_');
  return (lang === 'pt' && region === 'br') || (lang === 'en' && region === 'gb') ? `${lang}-${region}` : lang;
}

// ---- the form as rows ---------------------------------------------------------------------------

/**
 * A row of a form: intro text, a one-line input, a country select, or a text box.
 * @typedef {object} Row
 * @property {'intro'|'input'|'select'|'box'} type
 * @property {string} fid    Meta's numeric field id
 * @property {string} [testid]
 * @property {string} [text]   intro text
 * @property {string} [label]
 * @property {string} [marker] the required/optional marker after the label
 * @property {string} [value]
 * @property {boolean} [required]
 * @property {boolean} [rich]  drawn as a contenteditable box
 */

/**
 * Everything a page is made of, before it is drawn in one style.
 * @param {Case} c
 */
function model(c) {
  const w = wording(c.locale);
  const en = wording('en');
  const h = hash(c.name);
  const seed = (k) => digits(`${c.name}#${k}`, 15);
  let n = 0;
  const fid = () => seed(n++);
  const mobile = c.style === 'mobile-br';
  /** @type {Row[]} */
  const rows = [];
  let title; let internal; let send; let platform = 'facebook'; let formId; let country = false;

  if (c.kind === 'other-form') {
    const other = w.otherForms[c.other];
    title = other.title;
    internal = en.otherForms[c.other].title;
    send = w.aiObjection.send;
    other.fields.forEach((/** @type {string} */ label, i) => {
      const long = label.length > 32 || /[?？;\u037e]$/.test(label.trim()) || i === other.fields.length - 1;
      rows.push({ type: long ? 'box' : 'input', fid: fid(), testid: `field-${i}`, label, value: '' });
    });
    platform = !mobile && (h & 1) ? 'instagram' : 'facebook';
    formId = unknownId(c.name);
  } else {
    const tp = c.form === 'third-party-data';
    const words = tp ? w.thirdPartyData : w.aiObjection;
    const titles = [words.title, ...words.titleVariants];
    const t = h % titles.length;
    // The second title wording comes with typographic punctuation all over the form, as Meta's
    // translations may have it: curly apostrophes, and no-break spaces before ? : ; !
    const typo = t === 1 ? typographic : (/** @type {string} */ x) => x;
    title = typo(titles[t]);
    internal = (tp ? en.thirdPartyData : en.aiObjection).title;
    send = words.send;
    const reasons = tp ? [words.reason] : [words.reason, ...words.reasonVariants];
    const reasonLabel = typo(reasons[(h >>> 8) % reasons.length]);
    const otherLabel = typo(tp ? words.prompts : words.other);
    if (c.id === 'known') {
      const choices = KNOWN_IDS[c.form].filter((k) => !mobile || k.platform === 'facebook');
      const k = choices[(h >>> 4) % choices.length];
      formId = k.id;
      platform = k.platform;
      country = Boolean(k.country);
    } else {
      formId = unknownId(c.name);
      platform = !tp && !mobile && ((h >>> 4) & 1) ? 'instagram' : 'facebook';
      country = tp || Boolean((h >>> 5) & 1);
    }
    if (!tp) rows.push({ type: 'intro', fid: fid(), text: typo(words.intro) });
    if (tp) {
      rows.push({ type: 'input', fid: fid(), testid: 'first-name', label: typo(words.firstName), value: '' });
      rows.push({ type: 'input', fid: fid(), testid: 'last-name', label: typo(words.lastName), value: '' });
    }
    const countryRow = { type: 'select', fid: fid(), testid: 'country', label: typo(words.country) };
    if (country && !tp) rows.push(countryRow);
    rows.push({ type: 'input', fid: fid(), testid: 'email', label: typo(words.email), value: EMAIL });
    if (country && tp) rows.push(countryRow);
    const reason = { type: 'box', fid: fid(), testid: 'reason', label: reasonLabel, rich: c.style === 'contenteditable' };
    const other = { type: 'box', fid: fid(), testid: tp ? 'prompts' : 'other', label: otherLabel };
    if (c.order === 'required') {
      Object.assign(reason, { marker: w.required, required: true });
      Object.assign(other, { marker: w.optional });
    }
    const boxes = {
      alone: [reason],
      'reason-other': [reason, other],
      'other-reason': [other, reason],
      // The form's own order: Meta's objection form asks for the reason first, the third-party
      // form for the prompts first.
      required: tp ? [other, reason] : [reason, other],
    }[c.order];
    rows.push(.../** @type {Row[]} */ (boxes));
  }

  let host;
  if (c.kind === 'lookalike') host = LOOKALIKE_HOST;
  else if (mobile) host = 'm.facebook.com';
  else if (platform === 'instagram') host = 'help.instagram.com';
  else host = (h >>> 12) % 4 === 0 ? w.metaLocale.toLowerCase().replace('_', '-') + '.facebook.com' : 'www.facebook.com';
  const url = host === 'help.instagram.com'
    ? `https://${host}/contact/${formId}`
    : `https://${host}/help/contact/${formId}`;

  // The document's title: the form's, except on the React pages, where only the heading says it.
  const docTitle = c.style === 'react' ? (platform === 'instagram' ? 'Instagram Help Center' : 'Facebook') : title;

  /** @type {Expect} */
  const expect = c.kind === 'form' || c.kind === 'after-send'
    ? { form: /** @type {Form} */ (c.form), platform: /** @type {any} */ (platform), lang: w.htmlLang, locale: ourLocale(w.metaLocale), reason: true }
    : { form: null };
  // What the page shim reads for each box of the form, by field id, as tests/corpus.rs models it:
  // a label text is reported once, under the first source that finds it.
  expect.fields = Object.fromEntries(rows.filter((r) => r.type === 'input' || r.type === 'box').map((r) => [r.fid, {
    kind: r.rich ? 'contenteditable' : r.type === 'box' ? 'textarea' : 'input',
    required: Boolean(r.required),
    labels: [{ source: r.rich ? 'aria-labelledby' : 'before', text: [r.label, r.marker].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim() }],
  }]));
  return { w, rows, title, internal, send, formId, url, docTitle, expect, codeLayer: c.kind === 'after-send' };
}

function unknownId(name) {
  for (let i = 0; ; i++) {
    const id = digits(`${name}#form${i}`, 15 + (hash(name) % 2));
    if (!ALL_KNOWN.has(id)) return id;
  }
}

// ---- drawing the rows ---------------------------------------------------------------------------

const labelHtml = (/** @type {Row} */ r) => `${esc(r.label)}${r.marker ? ` <span class="_marker">${esc(r.marker)}</span>` : ''}`;

function control(/** @type {Row} */ r) {
  const req = r.required ? ' required' : '';
  if (r.type === 'input') {
    return `<input type="text" class="inputtext" id="${r.fid}" name="${r.testid === 'email' ? 'email' : `Field${r.fid}`}" value="${esc(r.value)}" data-testid="${r.testid}"${req}>`;
  }
  if (r.type === 'select') {
    const options = ['', 'Brasil', 'Deutschland', 'España', 'France', 'Ireland', 'Italia', 'Polska', 'Sverige']
      .map((o) => `<option value="${esc(o)}">${esc(o || '—')}</option>`).join('');
    return `<select id="${r.fid}" name="Field${r.fid}" data-testid="country">${options}</select>`
      + `<input type="hidden" name="Field${r.fid}_iso2_country_code" value="">`;
  }
  return `<textarea id="${r.fid}" name="Field${r.fid}" rows="5" data-testid="${r.testid}"${req}></textarea>`;
}

/** A row as the desktop pages draw it: `<label for>` (`for`) or a plain `<div>` (`div`) before the control. */
function desktopRow(/** @type {Row} */ r, /** @type {'for'|'div'} */ how) {
  const open = `<div id="SupportFormRow.${r.fid}">`;
  if (r.type === 'intro') return `${open}<div><p>${esc(r.text)}</p></div></div>`;
  if (r.rich) {
    // A Lexical-style editor in a row of its own: its label stands in the block before the row,
    // tied to it only by aria-labelledby (nothing a person reads next to it is in its row).
    const aria = r.required ? ' aria-required="true"' : '';
    return `<div class="_lblrow"><div class="_lbl" id="label.${r.fid}">${labelHtml(r)}</div></div>
        ${open}
         <div class="_wrap"><div class="_editor" id="${r.fid}" contenteditable="true" role="textbox" aria-multiline="true" aria-labelledby="label.${r.fid}" spellcheck="true" data-lexical-editor="true" data-testid="${r.testid}"${aria}><p><br></p></div></div>
        </div>`;
  }
  const label = how === 'for'
    ? `<label for="${r.fid}">${labelHtml(r)}</label>`
    : `<div class="_lbl">${labelHtml(r)}</div>`;
  return `${open}
         ${label}
         ${control(r)}
        </div>`;
}

/** A row as m.facebook.com draws it: the label is bare text and a `<br/>` before the control. */
function mobileRow(/** @type {Row} */ r) {
  const open = `<div class="_55wr" id="SupportFormRow.${r.fid}"><div><div class="acw" data-sigil="marea">`;
  if (r.type === 'intro') return `${open}<div><p class="_46ki">${esc(r.text)}</p></div></div></div></div>`;
  return `${open}${labelHtml(r)}<br/>${control(r)}</div></div></div>`;
}

function hiddenFields(m, mobile) {
  const ids = m.rows.filter((r) => r.type !== 'intro').map((r) => r.fid);
  const state = mobile ? '[]' : JSON.stringify(Object.fromEntries(ids.map((id) => [id, false])));
  return [
    ...(mobile ? [`<input type="hidden" name="form_id" value="${m.formId}"/>`] : []),
    `<input type="hidden" name="support_form_id" value="${m.formId}"/>`,
    `<input type="hidden" name="support_form_locale_id" value="${m.w.metaLocale}"/>`,
    `<input type="hidden"${mobile ? ` id="support_form_${m.formId}_hidden_fields"` : ''} name="support_form_hidden_fields" value="${esc(state)}"/>`,
    `<input type="hidden"${mobile ? ` id="support_form_${m.formId}_fact_false_fields"` : ''} name="support_form_fact_false_fields" value="[]"/>`,
  ].join('\n        ');
}

/** Meta's desktop form (§5.1), its rows drawn with `how`. */
function desktopForm(m, how) {
  return `<form method="post" action="/ajax/help/contact/submit/page" rel="async" id="u_0_7_Qx">
     <input type="hidden" name="jazoest" value="25013" autocomplete="off">
     <input type="hidden" name="lsd" value="AVqTestTok3n" autocomplete="off">
     <div>
      <div><h2>${esc(m.title)}</h2></div>
      <div>
        ${m.rows.map((r) => desktopRow(r, how)).join('\n        ')}
      </div>
        ${hiddenFields(m, false)}
      <div><div><button type="submit" class="_42ft _4jy0 _4jy4 _4jy1 selected _51sy">${esc(m.send)}</button></div></div>
     </div>
    </form>`;
}

/** Meta's email-code layer after Send (§5.5): a second form, appended to <body>. */
function codeLayer(m) {
  const c = m.w.codeLayer;
  return `<div>
 <div></div>
 <div>
  <div><div>
   <form method="post" action="#" id="u_0_k_Cd">
    <div>${esc(c.title)}</div>
    <div>
     <div>${esc(c.text)}</div>
     <div><div><input type="text" class="inputtext" name="code" autocomplete="off" data-testid="code"></div></div>
    </div>
    <div><button type="submit">${esc(c.button)}</button></div>
   </form>
  </div></div>
 </div>
</div>`;
}

const CSS = `body { margin: 0; background: #f0f2f5; font: 14px/1.4 Helvetica, Arial, sans-serif; color: #1c1e21; }
  header { background: #fff; padding: 8px 16px; }
  form { max-width: 680px; margin: 16px auto; background: #fff; padding: 16px 24px; }
  label, ._lbl { display: block; font-weight: bold; margin: 14px 0 6px; }
  input.inputtext, select, textarea, ._editor { display: block; width: 100%; box-sizing: border-box; border: 1px solid #ccd0d5; padding: 6px; font: inherit; }
  textarea, ._editor { min-height: 90px; }
  ._editor p { margin: 0; }`;

// The page's own script: counts submits (and stops them), keeps a rich-text box's own text model
// as an editor does, and reports every field's value. Field values are keyed by data-testid.
const FIXTURE_SCRIPT = `(function () {
  var submits = 0;
  var models = {};
  function roots() {
    var out = [document];
    var host = document.querySelector('meta-support-form');
    if (host && host.shadowRoot) out.push(host.shadowRoot);
    return out;
  }
  roots().forEach(function (root) {
    root.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function (ev) { ev.preventDefault(); submits++; });
    });
    root.querySelectorAll('[contenteditable="true"]').forEach(function (editor) {
      models[editor.dataset.testid] = '';
      editor.addEventListener('input', function () {
        models[editor.dataset.testid] = editor.innerText.replace(/\\u00a0/g, ' ').replace(/\\n+$/, '');
        if (!editor.firstChild) editor.innerHTML = '<p><br></p>';
      });
    });
  });
  window.__fixture = {
    get submits() { return submits; },
    ready: function () { return true; },
    state: function () {
      var out = {};
      roots().forEach(function (root) {
        root.querySelectorAll('[data-testid]').forEach(function (el) {
          var key = el.dataset.testid;
          out[key] = el.isContentEditable ? models[key] : el.value;
        });
      });
      return out;
    }
  };
})();`;

const SHADOW_SCRIPT = `customElements.define('meta-support-form', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var root = this.attachShadow({ mode: 'open' });
    root.append(document.getElementById('meta-support-form').content.cloneNode(true));
  }
});`;

// React 18 draws the same rows (desktop, <label for>); the text boxes are controlled, and React's
// state is what the page reports.
const REACT_SCRIPT = `(function () {
  var h = React.createElement;
  var M = JSON.parse(document.getElementById('model').textContent);
  var snap = {};
  var submits = 0;
  var drawn = false;
  var initial = {};
  M.rows.forEach(function (r) { if (r.testid) initial[r.testid] = r.value || ''; });
  function App() {
    var s = React.useState(initial), values = s[0], setValues = s[1];
    snap = values;
    React.useEffect(function () { drawn = true; }, []);
    function set(key) { return function (ev) { var v = ev.target.value; setValues(function (old) { var n = Object.assign({}, old); n[key] = v; return n; }); }; }
    function label(r) { return r.marker ? [r.label, ' ', h('span', { className: '_marker', key: 'm' }, r.marker)] : r.label; }
    function row(r) {
      var key = 'SupportFormRow.' + r.fid;
      if (r.type === 'intro') return h('div', { id: key, key: key }, h('div', null, h('p', null, r.text)));
      var props = { id: r.fid, name: r.testid === 'email' ? 'email' : 'Field' + r.fid, 'data-testid': r.testid, value: values[r.testid], onChange: set(r.testid), required: Boolean(r.required) };
      var el;
      if (r.type === 'select') {
        el = h('select', props, ['', 'Brasil', 'Deutschland', 'España', 'France', 'Ireland', 'Italia', 'Polska', 'Sverige']
          .map(function (o) { return h('option', { key: o, value: o }, o || '\\u2014'); }));
      } else if (r.type === 'input') {
        el = h('input', Object.assign({ type: 'text', className: 'inputtext' }, props));
      } else {
        el = h('textarea', Object.assign({ rows: 5 }, props));
      }
      return h('div', { id: key, key: key }, h('label', { htmlFor: r.fid }, label(r)), el);
    }
    function hidden(name, value) { return h('input', { type: 'hidden', name: name, value: value, key: name }); }
    return h('form', { method: 'post', action: '/ajax/help/contact/submit/page', id: 'u_0_7_Qx', onSubmit: function (ev) { ev.preventDefault(); submits++; } },
      hidden('jazoest', '25013'),
      hidden('lsd', 'AVqTestTok3n'),
      h('div', null,
        h('div', null, h('h2', null, M.title)),
        h('div', null, M.rows.map(row)),
        hidden('support_form_id', M.formId),
        hidden('support_form_locale_id', M.locale),
        hidden('support_form_hidden_fields', M.hiddenFields),
        hidden('support_form_fact_false_fields', '[]'),
        h('div', null, h('div', null, h('button', { type: 'submit', className: '_42ft _4jy0 _4jy4 _4jy1 selected _51sy' }, M.send)))));
  }
  ReactDOM.createRoot(document.getElementById('root')).render(h(App));
  var code = document.querySelector('form#u_0_k_Cd');
  if (code) code.addEventListener('submit', function (ev) { ev.preventDefault(); submits++; });
  window.__fixture = {
    get submits() { return submits; },
    ready: function () { return drawn; },
    state: function () {
      var out = Object.assign({}, snap);
      document.querySelectorAll('form#u_0_k_Cd [data-testid]').forEach(function (el) { out[el.dataset.testid] = el.value; });
      return out;
    }
  };
})();`;

function desktopPage(c, m) {
  const how = c.style === 'desktop-div' ? 'div' : 'for';
  const search = m.url.includes('instagram') ? 'Search Instagram' : 'Search Facebook';
  let form;
  let head = '';
  let scripts = `<script>\n${FIXTURE_SCRIPT}\n</script>`;
  if (c.style === 'shadow') {
    head = `<template id="meta-support-form"><style>${CSS}</style>\n    ${desktopForm(m, 'for')}\n</template>`;
    form = '<meta-support-form></meta-support-form>';
    scripts = `<script>\n${SHADOW_SCRIPT}\n${FIXTURE_SCRIPT}\n</script>`;
  } else if (c.style === 'react') {
    const hiddenState = JSON.stringify(Object.fromEntries(m.rows.filter((r) => r.type !== 'intro').map((r) => [r.fid, false])));
    const data = { title: m.title, rows: m.rows, formId: m.formId, locale: m.w.metaLocale, hiddenFields: hiddenState, send: m.send };
    form = `<div id="root"></div>
    <script type="application/json" id="model">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
    scripts = `<script src="/__fixtures__/react.js"></script>
<script src="/__fixtures__/react-dom.js"></script>
<script>\n${REACT_SCRIPT}\n</script>`;
  } else {
    form = desktopForm(m, how);
  }
  return `<!DOCTYPE html>
<!-- Generated by tests/corpus/generate.mjs: ${c.name}. Serve at: ${m.url} -->
<html lang="${m.w.htmlLang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.docTitle)}</title>
<style>${CSS}</style>
</head>
<body>
<header role="banner"><input type="search" data-testid="search" aria-label="${search}" placeholder="${search}"></header>
<div><div>
 <div id="pagelet_bluebar"></div>
 <div><div>
  <div><!-- help-centre side nav --></div>
  <div>
    ${head}
    ${form}
  </div>
 </div></div>
</div></div>
${m.codeLayer ? codeLayer(m) : ''}
${scripts}
</body>
</html>
`;
}

/** m.facebook.com (§5.2). */
function mobilePage(c, m) {
  return `<!DOCTYPE html>
<!-- Generated by tests/corpus/generate.mjs: ${c.name}. Serve at: ${m.url} -->
<html lang="${m.w.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.docTitle)}</title>
<style>${CSS}</style>
</head>
<body class="touch x2 ios sf mSafari _fzu _50-3 _55wm">
 <div id="viewport">
  <h1 style="display:block;height:0;overflow:hidden;position:absolute;width:0;padding:0">Facebook</h1>
  <div id="page">
   <div id="header"><div id="m-future-page-header-title" data-sigil="m-dialog-header-title">${esc(m.title)}</div></div>
   <div id="rootcontainer"><div class="_65w _55wm" id="root" role="main">
    <div><article class="_55wm _55wr" id="u_0_0_aB">
     <form method="post" action="/a/help/contact_us/" class="_5u9h" enctype="multipart/form-data" id="${esc(m.internal)}">
      <input type="hidden" name="fb_dtsg" value="NAfTest:50:1769352215" autocomplete="off"/>
      <input type="hidden" name="jazoest" value="25407" autocomplete="off"/>
      <div class="_56be _5u9j _1fja"><div class="_55wo _55x2 _56bf">
       <h3 class="_52je _52jb _52jh _59e9 _55ws">${esc(m.title)}</h3>
       <div>
        ${m.rows.map(mobileRow).join('\n        ')}
        ${hiddenFields(m, true)}
       </div>
      </div></div>
      <div class="_3-8y"><button type="submit" value="${esc(m.send)}" class="_54k8 _52jg _56bs _26vk _56b_ _56bw _56bu" data-sigil="touchable"><span class="_55sr">${esc(m.send)}</span></button></div>
     </form>
    </article></div>
    <div style="display:none"><iframe data-testid="sem_pixel_iframe" width="0" height="0" src="about:blank"></iframe></div>
   </div></div>
  </div>
 </div>
${m.codeLayer ? codeLayer(m) : ''}
<script>
${FIXTURE_SCRIPT}
</script>
</body>
</html>
`;
}

/**
 * One page of the corpus: the URL to serve it at, its HTML, and what the extension must make of it.
 * @param {Case} c
 * @returns {{ url: string, html: string, expect: Expect }}
 */
export function page(c) {
  const m = model(c);
  const html = c.style === 'mobile-br' ? mobilePage(c, m) : desktopPage(c, m);
  return { url: m.url, html, expect: m.expect };
}

/**
 * A deterministic slice of the corpus for the real-browser tests: `forms` pages the extension must
 * fill, spread so that every style, order, form and kind of form number comes early and the
 * locales follow each other in steps of 11 (all 28 within 28 pages); then `others` other forms,
 * `afterSend` objection pages with the email-code layer, and `lookalikes` pages on a look-alike host.
 * With `step` (prime to 6), every `step`-th page of that spread: a shorter slice that still
 * covers every style, order, form and kind of form number within 12 pages.
 * @param {{ forms: number, others: number, afterSend: number, lookalikes: number, step?: number }} counts
 * @returns {Case[]}
 */
export function slice({ forms, others, afterSend, lookalikes, step = 1 }) {
  const all = new Map(cases().map((c) => [c.name, c]));
  const pick = (name) => {
    const c = all.get(name);
    if (!c) throw new Error(`no case ${name}`);
    return c;
  };
  const out = [];
  for (let k = 0; k < forms; k++) {
    const i = k * step;
    const style = STYLES[i % STYLES.length];
    const order = ORDERS[Math.floor(i / STYLES.length) % ORDERS.length];
    const form = FORMS[Math.floor(i / 2) % FORMS.length];
    const id = IDS[Math.floor(i / 3) % IDS.length];
    const locale = LOCALES[(k * 11) % LOCALES.length];
    out.push(pick(`form/${form}/${style}/${locale}/${order}/${id}`));
  }
  for (let j = 0; j < others; j++) {
    out.push(pick(`other-form/${STYLES[j % STYLES.length]}/${LOCALES[(j * 5 + 3) % LOCALES.length]}/${j % 4}`));
  }
  for (let j = 0; j < afterSend; j++) {
    out.push(pick(`after-send/${STYLES[j % STYLES.length]}/${LOCALES[(j * 7 + 1) % LOCALES.length]}`));
  }
  const looks = cases().filter((c) => c.kind === 'lookalike');
  for (let j = 0; j < lookalikes; j++) out.push(looks[(j * 3) % looks.length]);
  return out;
}
