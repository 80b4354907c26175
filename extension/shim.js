// Objection helper: the page shim.
//
// Runs in the extension's isolated world on Meta's help-centre contact pages: as a content script
// (to mark the toolbar icon), and injected by the popup when the person opens it. It reports
// facts about the page and writes a value when the extension asks. It decides nothing: the Rust
// core decides what the page is, which field to use and what to write. It listens to nothing the
// page sends (no message listeners), so a page cannot drive it.
(() => {
  'use strict';
  if (globalThis.__objectionShim) return;

  const MAX_TEXT = 300;
  const MAX_FIELDS = 200;
  const INPUT_TYPES = new Set(['', 'text', 'email', 'search', 'tel', 'url']);
  let fields = [];
  const history = new WeakMap(); // element -> what it held before our last write

  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);

  function isField(el) {
    if (el instanceof HTMLTextAreaElement) return true;
    if (el instanceof HTMLInputElement) return INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase());
    // Only the outermost editable element of a rich-text box.
    return el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable);
  }

  function kindOf(el) {
    if (el instanceof HTMLTextAreaElement) return 'textarea';
    if (el instanceof HTMLInputElement) return 'input';
    return 'contenteditable';
  }

  function visible(el) {
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0.05;
  }

  function valueOf(el) {
    return kindOf(el) === 'contenteditable' ? el.innerText : el.value;
  }

  // The closest text before the field inside its group, for boxes without a label.
  function nearbyText(el) {
    let node = el;
    for (let depth = 0; depth < 4 && node && node !== document.body; depth++) {
      let sib = node.previousElementSibling;
      while (sib) {
        const t = squash(sib.innerText || sib.textContent);
        if (t && t.length <= MAX_TEXT) return t;
        sib = sib.previousElementSibling;
      }
      node = node.parentElement;
    }
    return '';
  }

  function labelsOf(el) {
    const out = [];
    const add = (source, text) => { text = squash(text); if (text) out.push({ source, text }); };
    if (el.id) {
      for (const l of document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)) add('for', l.innerText || l.textContent);
    }
    const wrap = el.closest('label');
    if (wrap) add('wrap', wrap.innerText || wrap.textContent);
    add('aria-label', el.getAttribute('aria-label'));
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)) {
      const ref = document.getElementById(id);
      if (ref) add('aria-labelledby', ref.innerText || ref.textContent);
    }
    for (const id of (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)) {
      const ref = document.getElementById(id);
      if (ref) add('aria-describedby', ref.innerText || ref.textContent);
    }
    add('placeholder', el.getAttribute('placeholder') || el.getAttribute('aria-placeholder') || el.dataset.placeholder);
    if (!out.some((l) => l.source !== 'placeholder' && l.source !== 'aria-describedby')) add('nearby', nearbyText(el));
    return out;
  }

  function report() {
    fields = Array.from(document.querySelectorAll('textarea, input, [contenteditable]')).filter(isField).slice(0, MAX_FIELDS);
    const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"], legend'))
      .map((h) => squash(h.innerText || h.textContent)).filter(Boolean).slice(0, 20);
    const hidden = Array.from(document.querySelectorAll('input[type="hidden"][name^="support_form_"]'))
      .slice(0, 20).map((i) => ({ name: i.name, value: squash(i.value) }));
    return {
      url: location.href,
      lang: document.documentElement.lang || '',
      title: squash(document.title),
      headings,
      hidden,
      fields: fields.map((el, index) => {
        const max = el.maxLength;
        return {
          index,
          kind: kindOf(el),
          type: el instanceof HTMLInputElement ? (el.getAttribute('type') || '').toLowerCase() : '',
          name: squash(el.getAttribute('name')),
          id: squash(el.id),
          labels: labelsOf(el),
          visible: visible(el),
          valueLength: valueOf(el).trim().length, // text, not the white space an empty editor holds
          maxLength: typeof max === 'number' && max >= 0 ? max : null,
          disabled: Boolean(el.disabled),
          readOnly: Boolean(el.readOnly),
          canUndo: history.has(el),
        };
      }),
    };
  }

  function selectAll(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // Rich-text editors (Lexical, Draft, plain contenteditable) follow the browser's own editing
  // commands, which fire beforeinput/input as typing would.
  function writeRich(el, text) {
    el.focus();
    selectAll(el);
    let ok = true;
    if (!text) ok = document.execCommand('delete');
    text.split('\n').forEach((line, i) => {
      if (i > 0) ok = document.execCommand('insertParagraph') && ok;
      if (line) ok = document.execCommand('insertText', false, line) && ok;
    });
    if (!ok || el.innerText.replace(/\n+/g, '\n').trim() !== text.replace(/\n+/g, '\n').trim()) {
      el.replaceChildren(...text.split('\n').map((line) => {
        const p = document.createElement('div');
        if (line) p.textContent = line; else p.append(document.createElement('br'));
        return p;
      }));
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    }
  }

  // React and other frameworks keep a field's value only if their input listener sees the change:
  // set it through the prototype's setter, then fire input and change as typing would.
  function writePlain(el, text) {
    el.focus();
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, text);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function write(el, text) {
    if (kindOf(el) === 'contenteditable') writeRich(el, text); else writePlain(el, text);
  }

  // Whether a box is still the one the extension read (same kind, name, id and text length).
  function matches(el, expect) {
    return kindOf(el) === expect.kind && squash(el.getAttribute('name')) === expect.name &&
      squash(el.id) === expect.id && valueOf(el).trim().length === expect.valueLength;
  }

  function field(index) {
    const el = fields[index];
    return el && el.isConnected ? el : null;
  }

  globalThis.__objectionShim = {
    report,
    // Writes text into field `index` of the last report; remembers what was there for undo.
    // With `expect`, writes only if the box still matches it (else answers `stale`).
    write({ index, text, expect }) {
      const el = field(index);
      if (!el) return { ok: false, missing: true, stale: Boolean(expect) };
      if (expect && !matches(el, expect)) return { ok: false, stale: true };
      history.set(el, valueOf(el));
      write(el, String(text));
      return { ok: true, value: valueOf(el) };
    },
    // What field `index` holds now.
    read({ index }) {
      const el = field(index);
      return el ? { ok: true, value: valueOf(el) } : { ok: false, missing: true };
    },
    // Puts back what field `index` held before our last write.
    undo({ index }) {
      const el = field(index);
      if (!el || !history.has(el)) return { ok: false, missing: !el };
      const before = history.get(el);
      history.delete(el);
      write(el, before);
      return { ok: true, value: valueOf(el), expected: before };
    },
  };

  // As a content script: report to the extension once the page has settled, and again whenever
  // the page changes (Meta's pages render late and navigate without reloading).
  if (typeof chrome !== 'undefined' && chrome.runtime && chrome.runtime.id && globalThis.__objectionContentScript) {
    let timer = 0;
    let last = '';
    const send = () => {
      timer = 0;
      const r = report();
      const key = JSON.stringify([r.url, r.title, r.headings, r.hidden, r.fields.map((f) => [f.kind, f.labels, f.visible])]);
      if (key === last) return;
      last = key;
      chrome.runtime.sendMessage({ type: 'page-report', report: r }).catch(() => {});
    };
    const soon = () => { if (!timer) timer = setTimeout(send, 400); };
    new MutationObserver(soon).observe(document, { subtree: true, childList: true });
    addEventListener('popstate', soon);
    soon();
  }
})();
