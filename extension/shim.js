// Objection helper: the page shim.
//
// Runs in the extension's isolated world on Meta's help-centre contact pages: as a content script
// (to mark the toolbar icon), and injected by the popup when the person opens it. It reports
// facts about the page and writes a value when the extension asks. It decides nothing: the Rust
// core decides what the page is, which field to use and what to write. It listens to nothing the
// page sends (its one message listener takes the extension's own messages only; of events, only
// the browser's own load and navigation ones, to report again), so a page cannot drive it; and the
// page cannot see or replace it (the isolated world has its own globals and its own DOM
// prototypes).
//
// It looks into same-origin frames and open shadow roots too. Each field gets a reference such as
// `f12/s40/e57` (frame element 12, then shadow host 40, then field 57): write, read and undo act
// on exactly that element, and only while it is still at that place.
//
// The types below (checked by `tsc`, see tsconfig.json) are the shim's protocol with the popup:
// docs/formats.md, "Page report" and "Page shim operations". This file is a script, not a module,
// so they are global types, which browser.js uses too.

/**
 * A text box the shim reads and writes: a `<textarea>`, a text-like `<input>` or a rich-text
 * (`contenteditable`) element. On the last, the properties of text controls are undefined.
 * @typedef {HTMLElement & Partial<Pick<HTMLTextAreaElement, 'value' | 'maxLength' | 'disabled' | 'readOnly' | 'required' | 'form' | 'name'>>} Box
 */
/** @typedef {'textarea' | 'input' | 'contenteditable'} FieldKind */
/**
 * One text of a field's label, with where it was read (docs/formats.md, `labels[]`).
 * @typedef {object} Label
 * @property {'before' | 'for' | 'wrap' | 'row' | 'aria-labelledby' | 'aria-label' | 'aria-describedby' | 'placeholder'} source
 * @property {string} text
 */
/**
 * A hidden input that says which form this is (`support_form_id`, …).
 * @typedef {object} HiddenInput
 * @property {string} name
 * @property {string} value
 * @property {number | null} form  position in the report's `forms`; null: in no form
 */
/**
 * @typedef {object} FormReport
 * @property {string} id  the `<form>`'s id attribute
 */
/**
 * One text box of the page, as the report describes it.
 * @typedef {object} FieldReport
 * @property {number} index  position in `fields`
 * @property {string} ref  the shim's name for the element: `f<n>/`, `s<n>/` on the way, then `e<n>`
 * @property {FieldKind} kind
 * @property {string} type  the input's type attribute, lower case; '' for other kinds
 * @property {string} name
 * @property {string} id
 * @property {Label[]} labels
 * @property {boolean} visible
 * @property {number} valueLength  characters of text in it, without surrounding white space
 * @property {number | null} maxLength
 * @property {boolean} disabled
 * @property {boolean} readOnly
 * @property {boolean} canUndo  the shim wrote into it and remembers what it held before
 * @property {boolean} required
 * @property {number | null} form  position in the report's `forms`; null: in no form
 * @property {boolean} focused
 * @property {boolean} hovered
 */
/**
 * The page report (docs/formats.md, "Page report").
 * @typedef {object} PageReport
 * @property {string} url
 * @property {string} lang
 * @property {string} title
 * @property {string[]} headings
 * @property {HiddenInput[]} hidden
 * @property {FieldReport[]} fields
 * @property {FormReport[]} forms
 * @property {Selected[]} selected
 * @property {Overlay[]} overlays
 * @property {boolean} loading
 */
/**
 * A visible part of the page outside Meta's form, directly in `<body>` (where Meta draws the
 * email-code step and its confirmation after Send): its text and how many text boxes and buttons
 * it holds.
 * @typedef {object} Overlay
 * @property {string} text  up to 300 characters
 * @property {number} inputs
 * @property {number} buttons
 */
/**
 * A drop-down list's chosen option (the form's own country field, which preselects where the
 * person lives).
 * @typedef {object} Selected
 * @property {string} value
 * @property {string} text
 * @property {number | null} form  position in the report's `forms`; null: in no form
 */
/**
 * What a box must still be for a write to go ahead: as the popup read it.
 * @typedef {object} Expect
 * @property {FieldKind} kind
 * @property {string} name
 * @property {string} id
 * @property {number} valueLength
 */
/**
 * The argument of `write`, `read`, `mark` and `undo` (the popup's `ShimArg`, src/web/popup.rs).
 * @typedef {object} ShimArg
 * @property {number} [index]
 * @property {string} [ref]  which field (a `ref` of the report)
 * @property {string} [text]  write: what to write
 * @property {Expect} [expect]  write: only if the box is still as it was read
 * @property {boolean} [force]  undo: even though the box changed since our write
 */
/**
 * `write`'s answer: what the box holds after the write; or why nothing was written.
 * @typedef {{ ok: true, value: string } | { ok: false, missing?: true, stale: boolean }} WriteAnswer
 */
/**
 * `read`'s answer: what the box holds.
 * @typedef {{ ok: true, value: string } | { ok: false, missing: true }} ReadAnswer
 */
/**
 * `mark`'s answer.
 * @typedef {{ ok: true } | { ok: false, missing: true }} MarkAnswer
 */
/**
 * `undo`'s answer: what the box holds now and what was put back; or why nothing was undone.
 * @typedef {{ ok: true, value: string, expected: string } | { ok: false, missing: boolean } | { ok: false, changed: true }} UndoAnswer
 */
/** @typedef {PageReport | WriteAnswer | ReadAnswer | MarkAnswer | UndoAnswer} ShimAnswer */
/**
 * The shim's operations, as `globalThis.__objectionShim` in the isolated world.
 * @typedef {object} ObjectionShim
 * @property {string} [version]  the extension's version that loaded it (older shims have none)
 * @property {() => PageReport} report
 * @property {(arg: ShimArg) => WriteAnswer} write
 * @property {(arg: ShimArg) => ReadAnswer} read
 * @property {(arg: ShimArg) => MarkAnswer} mark
 * @property {(arg: ShimArg) => UndoAnswer} undo
 */
/** @typedef {'report' | 'write' | 'read' | 'mark' | 'undo'} ShimOp */
/**
 * The globals the extension's scripts share in a page's isolated world.
 * @typedef {object} ShimGlobals
 * @property {ObjectionShim} [__objectionShim]  the shim
 * @property {() => void} [__objectionStartReporting]  makes the shim report as the content script
 * @property {boolean} [__objectionContentScript]  set by content.js: this world has the content script
 */
/** @typedef {typeof globalThis & ShimGlobals} ShimWorld */
/**
 * A place the shim looks into for fields: the top document, a same-origin frame's document or an
 * open shadow root; `place` is the reference prefix of what is in it (`f12/s40/`).
 * @typedef {{ root: Document | ShadowRoot, place: string }} Root
 * @typedef {Root & { fields: Box[], headings: Element[], hidden: HTMLInputElement[], selects: HTMLSelectElement[], labels: Map<string, Element[]> }} Scanned
 */

(() => {
  'use strict';
  const world = /** @type {ShimWorld} */ (globalThis);
  // The extension's version: the popup talks only to a shim of its own version ('' where there is
  // no extension API, as in a test page's own world).
  const VERSION = typeof chrome !== 'undefined' && chrome.runtime && chrome.runtime.getManifest
    ? chrome.runtime.getManifest().version : '';
  const loaded = world.__objectionShim;
  if (loaded && loaded.version === VERSION) {
    // Loaded again: as the content script, after the popup had loaded the shim into this page
    // first. The one shim then starts reporting as the content script would have.
    if (world.__objectionStartReporting) world.__objectionStartReporting();
    return;
  }
  // A shim of another version (left in this tab by the extension before an update: the isolated
  // world outlives it) is replaced by this one; the popup no longer talks to the old one.

  const MAX_TEXT = 300;
  const MAX_FIELDS = 500;         // as many as the core reads (report::MAX_FIELDS)
  const MAX_HEADINGS = 20;
  const MAX_ROOTS = 1000;        // documents and shadow roots looked into
  const MAX_WALK = 400000;       // elements visited in all, looking for frames and shadow roots
  const MAX_LABEL_NODES = 400;   // a label, heading or nearby text bigger than this is not read
  const INPUT_TYPES = new Set(['', 'text', 'email', 'search', 'tel', 'url']);
  const HTML = 'http://www.w3.org/1999/xhtml';
  const HIDDEN_NAMES = new Set(['support_form_id', 'support_form_locale_id', 'support_form_hidden_fields', 'form_id']);
  const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend']);

  let serial = 0;
  /** @type {WeakMap<Element, number>} */
  const serials = new WeakMap(); // element -> its number, given once
  /** @type {Map<string, WeakRef<Box>>} */
  const byRef = new Map();       // reference -> WeakRef of the element
  /** @type {WeakMap<Box, { before: string, wrote: string }>} */
  const history = new WeakMap(); // element -> { before, wrote }: what it held before our last write, and after
  /** @type {WeakRef<Box> | null} */
  let lastWritten = null;        // the box of our last write: a Send of its form is recorded
  /** @type {WeakMap<Box, [string, string]>} */
  const marked = new WeakMap();  // element -> its outline before `mark`

  /** @type {(s: string | null | undefined) => string} */
  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  /** @type {(el: Element) => number} */
  const numberOf = (el) => {
    let n = serials.get(el);
    if (n === undefined) { n = ++serial; serials.set(el, n); }
    return n;
  };

  // The text of a small element; '' for a big one (reading it would cost as much as the page).
  /**
   * @param {(Element & { innerText?: string }) | null} node  (an SVG or MathML element has no innerText)
   * @returns {string}
   */
  function textOf(node) {
    if (!node) return '';
    const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = 0; walker.nextNode(); n++) if (n >= MAX_LABEL_NODES) return '';
    return node.innerText || node.textContent || '';
  }

  // Where an element lives: '' in the top document, else the frames and shadow hosts on the way.
  /**
   * @param {Element} el
   * @returns {string | null}  null: not in the page
   */
  function placeOf(el) {
    let path = '';
    let node = el;
    for (let depth = 0; depth < 16; depth++) {
      // A document, a shadow root, or (detached) the top of a tree of elements.
      const root = /** @type {Node & Partial<Pick<ShadowRoot, 'host'> & Pick<Document, 'defaultView'>>} */ (node.getRootNode());
      if (root === document) return path;
      if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && root.host) {
        path = `s${numberOf(root.host)}/${path}`;
        node = root.host;
      } else if (root.nodeType === Node.DOCUMENT_NODE && root.defaultView && root.defaultView.frameElement) {
        const frame = root.defaultView.frameElement;
        path = `f${numberOf(frame)}/${path}`;
        node = frame;
      } else {
        return null; // detached
      }
    }
    return null;
  }

  // One walk over the top document, then every same-origin frame's document and every open
  // shadow root in it, breadth first. It gathers what a report needs (text boxes, headings, the
  // hidden inputs that name the form, `label[for]`) and counts the controls inside each element,
  // in one pass over each root: the work grows with the page, not with its square, and a page
  // is walked once rather than once per question.
  /**
   * @returns {Scanned[]}
   */
  function scan() {
    holders = new Map();
    /** @type {(c: Element) => void} */
    const countUp = (c) => { for (let p = c.parentElement; p; p = p.parentElement) holders.set(p, (holders.get(p) || 0) + 1); };
    /** @type {(root: Document | ShadowRoot, place: string) => Scanned} */
    const entry = (root, place) => ({ root, place, fields: [], headings: [], hidden: [], selects: [], labels: new Map() });
    /** @type {Scanned[]} */
    const out = [entry(document, '')];
    let walked = 0;
    for (let i = 0; i < out.length && walked < MAX_WALK; i++) {
      const here = out[i];
      const { root, place } = here;
      const doc = /** @type {Document} */ (root.nodeType === Node.DOCUMENT_NODE ? root : root.ownerDocument);
      const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      // (SHOW_ELEMENT: every node it gives is an element.)
      for (let n = /** @type {Element | null} */ (walker.nextNode()); n && walked < MAX_WALK; n = /** @type {Element | null} */ (walker.nextNode())) {
        walked++;
        if (n.shadowRoot && out.length < MAX_ROOTS) out.push(entry(n.shadowRoot, `${place}s${numberOf(n)}/`));
        const name = n.localName;
        if (name === 'input') {
          if ((n.getAttribute('type') || '').toLowerCase() === 'hidden') {
            if (HIDDEN_NAMES.has(/** @type {HTMLInputElement} */ (n).name)) here.hidden.push(/** @type {HTMLInputElement} */ (n));
            continue;
          }
          countUp(n);
          if (isField(n)) here.fields.push(/** @type {Box} */ (n));
          continue;
        } else if (name === 'textarea') {
          countUp(n);
          if (isField(n)) here.fields.push(/** @type {Box} */ (n));
          continue;
        } else if (name === 'select' || name === 'button') {
          countUp(n);
          if (name === 'select' && here.selects.length < 20) here.selects.push(/** @type {HTMLSelectElement} */ (n));
        } else if (name === 'label') {
          const id = n.getAttribute('for');
          if (id !== null) {
            const list = here.labels.get(id);
            if (list) list.push(n); else here.labels.set(id, [n]);
          }
        } else if (HEADING_TAGS.has(name)) {
          if (here.headings.length < 200) here.headings.push(n);
        } else if (name === 'iframe' || name === 'frame') {
          let inner = null;
          try { inner = /** @type {HTMLIFrameElement} */ (n).contentDocument; } catch { inner = null; } // another origin: not ours to read
          if (inner && inner.documentElement && out.length < MAX_ROOTS) out.push(entry(inner, `${place}f${numberOf(n)}/`));
        }
        if (!n.hasAttributes()) continue;
        const editable = n.getAttribute('contenteditable');
        if (editable !== null) {
          if (editable === '' || editable === 'true') countUp(n);
          if (isField(n)) here.fields.push(/** @type {Box} */ (n));
        } else if (n.getAttribute('role') === 'heading' && !HEADING_TAGS.has(name) && here.headings.length < 200) {
          here.headings.push(n);
        }
      }
    }
    return out;
  }


  /**
   * @param {Box} el
   * @returns {FieldKind}
   */
  function kindOf(el) {
    if (el.localName === 'textarea') return 'textarea';
    if (el.localName === 'input') return 'input';
    return 'contenteditable';
  }

  /**
   * @param {Element} el
   * @returns {el is Box}
   */
  function isField(el) {
    if (el.namespaceURI !== HTML) return false;
    if (el.localName === 'textarea') return true;
    if (el.localName === 'input') return INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase());
    // Only the outermost editable element of a rich-text box.
    return /** @type {HTMLElement} */ (el).isContentEditable && !(el.parentElement && el.parentElement.isContentEditable);
  }

  /**
   * @param {Element} el
   * @returns {boolean}
   */
  function shown(el) {
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return false;
    const view = el.ownerDocument.defaultView || window;
    const style = view.getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0.05;
  }

  // A field is visible when it is shown, and so is every frame around it.
  /**
   * @param {Element} el
   * @returns {boolean}
   */
  function visible(el) {
    if (!shown(el)) return false;
    for (let doc = el.ownerDocument, d = 0; doc !== document && d < 16; d++) {
      const frame = doc.defaultView && doc.defaultView.frameElement;
      if (!frame || !shown(frame)) return false;
      doc = frame.ownerDocument;
    }
    return true;
  }

  /**
   * @param {Box} el
   * @returns {string}
   */
  function valueOf(el) {
    return kindOf(el) === 'contenteditable' ? el.innerText : /** @type {string} */ (el.value);
  }

  // Reading a label as a person does (after the order of Chromium's autofill label inference,
  // written anew here): the text just before the box, a label for it or around it, the row or
  // cell it stands in, then what the markup says for assistive technology, then a placeholder.
  // A text labels at most one box: a walk that meets another control stops, so text standing
  // before an earlier box, or in another box's row, never labels a later one.
  const INLINE = new Set(['b', 'strong', 'span', 'font', 'em', 'i', 'small', 'label', 'abbr', 'a', 'sup', 'sub', 'u', 'mark', 'bdi', 'bdo']);
  const CONTROLS = 'input:not([type="hidden"]), textarea, select, button, [contenteditable=""], [contenteditable="true"]';
  const ROWS = '[id^="SupportFormRow."], tr, li, dd, fieldset';
  // Every element that holds a control, with how many: counted once per report by walking up
  // from each control, so asking costs nothing and the work grows with the page, not its square.
  /** @type {Map<Node, number>} */
  let holders = new Map();

  /** @type {(n: Node) => boolean} */
  const isControl = (n) => n.nodeType === Node.ELEMENT_NODE && (/** @type {Element} */ (n).matches(CONTROLS) || holders.has(n));
  /** @type {(n: Node) => boolean} */
  const isShown = (n) => {
    if (n.nodeType !== Node.ELEMENT_NODE) return true;
    const view = /** @type {Element} */ (n).ownerDocument.defaultView;
    const style = view ? view.getComputedStyle(/** @type {Element} */ (n)) : null;
    return !style || (style.display !== 'none' && style.visibility !== 'hidden');
  };

  // The text a person reads inside `node`, without the text of controls; '' for a big node.
  /**
   * @param {Node} node  an element or a text
   * @returns {string}
   */
  function plainText(node) {
    if (node.nodeType === Node.TEXT_NODE) return /** @type {Text} */ (node).data;
    const walker = /** @type {Document} */ (node.ownerDocument).createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.nodeType === Node.ELEMENT_NODE && (/** @type {Element} */ (n).matches('input, textarea, select, button, script, style, template') || !isShown(n))
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let text = '';
    for (let n = 0; walker.nextNode(); n++) {
      if (n >= MAX_LABEL_NODES) return '';
      const cur = /** @type {Text | Element} */ (walker.currentNode);
      if (cur.nodeType === Node.TEXT_NODE) text += /** @type {Text} */ (cur).data;
      else if (/** @type {Element} */ (cur).localName === 'br' || !INLINE.has(/** @type {Element} */ (cur).localName)) text += ' ';
    }
    return text;
  }

  // The text nodes and inline elements just before the box, back to the previous line break,
  // block or control; where there are none, the block just before it. Climbs out of wrappers
  // that hold nothing before the box, but not out of its row.
  /**
   * @param {Box} el
   * @returns {string}
   */
  function textBefore(el) {
    /** @type {Element} */
    let node = el;
    for (let depth = 0; depth < 5 && node && node.parentNode; depth++) {
      /** @type {string[]} */
      const parts = [];
      for (let sib = node.previousSibling, seen = 0; sib && seen < 50; sib = sib.previousSibling, seen++) {
        if (sib.nodeType === Node.TEXT_NODE) {
          if (/** @type {Text} */ (sib).data.trim()) parts.unshift(/** @type {Text} */ (sib).data);
          continue;
        }
        if (sib.nodeType !== Node.ELEMENT_NODE || !isShown(sib)) continue;
        if (isControl(sib)) return squash(parts.join(' '));
        if (/** @type {Element} */ (sib).localName === 'br') { if (parts.length) break; continue; }
        if (INLINE.has(/** @type {Element} */ (sib).localName)) { parts.unshift(plainText(sib)); continue; }
        if (parts.length) break;
        return squash(plainText(sib));
      }
      const t = squash(parts.join(' '));
      if (t) return t;
      const parent = node.parentElement;
      if (!parent || parent === el.ownerDocument.body || parent.localName === 'form' || parent.matches(ROWS)) return '';
      node = parent;
    }
    return '';
  }

  // The row or cell around the box: Meta's `SupportFormRow.<id>`, a table row, list item,
  // `<dd>` (with its `<dt>`), a fieldset; else the largest wrapper that holds no other control.
  // Its text without the box's own.
  /**
   * @param {Box} el
   * @returns {string}
   */
  function rowText(el) {
    const dd = el.closest('dd');
    if (dd) {
      let dt = dd.previousElementSibling;
      while (dt && dt.localName !== 'dt') dt = dt.previousElementSibling;
      return squash(`${dt ? plainText(dt) : ''} ${plainText(dd)}`);
    }
    let row = el.closest(ROWS);
    if (!row) {
      for (let node = el.parentElement, depth = 0; node && depth < 6; node = node.parentElement, depth++) {
        if (node === el.ownerDocument.body || node.localName === 'form') break;
        if ((holders.get(node) || 0) > 1) break; // another control is in there
        row = node;
      }
    }
    if (!row) return '';
    const cell = el.closest('td, th');
    const t = squash(plainText(cell && row.contains(cell) ? cell : row));
    if (t || !cell) return t.length < MAX_TEXT ? t : '';
    const prev = cell.previousElementSibling;
    return prev ? squash(plainText(prev)) : '';
  }

  /**
   * @param {Box} el
   * @param {(root: Node) => Map<string | null, Element[]>} forLabels  the `label[for]`s of a root, by id
   * @returns {Label[]}
   */
  function labelsOf(el, forLabels) {
    /** @type {Label[]} */
    const out = [];
    const root = /** @type {Node & Partial<Pick<Document, 'getElementById'>>} */ (el.getRootNode());
    /** @type {(source: Label['source'], text: string | null | undefined) => void} */
    const add = (source, text) => {
      text = squash(text);
      if (text && !out.some((l) => l.text === text)) out.push({ source, text });
    };
    add('before', textBefore(el));
    if (el.id) for (const l of forLabels(root).get(el.id) || []) add('for', plainText(l));
    const wrap = el.closest('label');
    if (wrap) add('wrap', plainText(wrap));
    add('row', rowText(el));
    /** @type {(id: string) => HTMLElement | null} */
    const byId = (id) => (typeof root.getElementById === 'function' ? root.getElementById(id) : null);
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean).slice(0, 8)) {
      const l = byId(id);
      if (l) add('aria-labelledby', plainText(l));
    }
    add('aria-label', el.getAttribute('aria-label'));
    for (const id of (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean).slice(0, 8)) {
      const l = byId(id);
      if (l) add('aria-describedby', plainText(l));
    }
    add('placeholder', el.getAttribute('placeholder') || el.getAttribute('aria-placeholder') || (el.dataset && el.dataset.placeholder));
    return out;
  }

  /**
   * @param {boolean} [withOverlays]  also what stands outside Meta's form (after a Send only)
   * @returns {PageReport}
   */
  function report(withOverlays = false) {
    const all = scan();
    // `label[for]` of each root: id -> labels.
    /** @type {Map<Node, Map<string | null, Element[]>>} */
    const labelMaps = new Map(all.map((r) => [r.root, r.labels]));
    /** @type {(root: Node) => Map<string | null, Element[]>} */
    const forLabels = (root) => labelMaps.get(root) || new Map();
    /** @type {{ el: Box, place: string }[]} */
    const found = [];
    /** @type {string[]} */
    const headings = [];
    /** @type {HiddenInput[]} */
    const hidden = [];
    /** @type {FormReport[]} */
    const forms = [];                // the page's forms that hold a field or a hidden input
    /** @type {Map<HTMLFormElement, number>} */
    const formIndex = new Map();     // form element -> its position in `forms`
    // The form a box belongs to: its form owner, else the nearest <form> around it, across
    // the shadow roots it is drawn in.
    /** @type {(el: Box | HTMLInputElement | HTMLSelectElement) => number | null} */
    const formOf = (el) => {
      let f = el.form || null;
      for (let n = /** @type {Element | null} */ (el), depth = 0; !f && n && depth < 16; depth++) {
        f = n.closest('form');
        const root = /** @type {Node & Partial<Pick<ShadowRoot, 'host'>>} */ (n.getRootNode());
        n = root && root.host ? root.host : null;
      }
      if (!f) return null;
      if (!formIndex.has(f)) { formIndex.set(f, forms.length); forms.push({ id: squash(f.getAttribute('id')) }); }
      return /** @type {number} */ (formIndex.get(f));
    };
    /** @type {Selected[]} */
    const selected = [];
    for (const { place, fields: boxes, headings: heads, hidden: named, selects } of all) {
      // A drop-down's chosen option only (the form's country), never anything typed.
      for (const s of selects) {
        const option = s.selectedOptions[0];
        if (!option || selected.length >= 20) continue;
        const value = s.value.slice(0, 60);
        const text = squash(option.textContent).slice(0, 80);
        if (value || text) selected.push({ value, text, form: formOf(s) });
      }
      for (const el of boxes) {
        if (found.length >= MAX_FIELDS) break;
        found.push({ el, place });
      }
      for (const h of heads) {
        if (headings.length >= MAX_HEADINGS) break;
        const t = squash(textOf(h));
        if (t) headings.push(t);
      }
      // Only the inputs that say which form this is; the tokens beside them are never read.
      for (const i of named) {
        if (hidden.length >= 20) break;
        hidden.push({ name: i.name, value: i.value.slice(0, 2000), form: formOf(i) });
      }
    }
    for (const [ref, weak] of byRef) if (!weak.deref()) byRef.delete(ref);
    const fields = found.map(({ el, place }, index) => {
      const ref = `${place}e${numberOf(el)}`;
      byRef.set(ref, new WeakRef(el));
      const max = el.maxLength;
      return {
        index,
        ref,
        kind: kindOf(el),
        type: el.localName === 'input' ? (el.getAttribute('type') || '').toLowerCase() : '',
        name: squash(el.getAttribute('name')),
        id: squash(el.id),
        labels: labelsOf(el, forLabels),
        visible: visible(el),
        valueLength: valueOf(el).trim().length, // text, not the white space an empty editor holds
        maxLength: typeof max === 'number' && max >= 0 ? max : null,
        disabled: Boolean(el.disabled),
        readOnly: Boolean(el.readOnly),
        canUndo: history.has(el),
        required: Boolean(el.required) || el.getAttribute('aria-required') === 'true',
        form: formOf(el),
        focused: /** @type {Document | ShadowRoot} */ (el.getRootNode()).activeElement === el,
        hovered: el.matches(':hover'),
      };
    });
    if (typeof onRoots === 'function') onRoots(all);
    return {
      url: location.href,
      lang: document.documentElement.lang || '',
      title: squash(document.title),
      headings,
      hidden,
      fields,
      forms,
      selected,
      overlays: withOverlays ? overlays() : [],
      loading: document.readyState === 'loading',
    };
  }

  // The visible children of <body> that do not hold Meta's form (named by its hidden inputs).
  /** @returns {Overlay[]} */
  function overlays() {
    const body = document.body;
    if (!body) return [];
    const form = document.querySelector('input[name="support_form_id"], input[name="form_id"]');
    /** @type {Overlay[]} */
    const out = [];
    for (const child of Array.from(body.children)) {
      if (out.length >= 10) break;
      if (!(child instanceof HTMLElement) || child.matches('script, style, template, noscript')) continue;
      if ((form && child.contains(form)) || !visible(child)) continue;
      const text = squash(child.innerText).slice(0, 300);
      const inputs = Array.from(child.querySelectorAll('input:not([type="hidden"]), textarea')).filter(visible).length;
      const buttons = child.querySelectorAll('button, [role="button"], input[type="submit"]').length;
      if (text || inputs) out.push({ text, inputs, buttons });
    }
    return out;
  }
  /** @type {((all: Root[]) => void) | null} */
  let onRoots = null;

  /**
   * @param {Box} el
   * @returns {void}
   */
  function selectAll(el) {
    const doc = el.ownerDocument;
    const range = doc.createRange();
    range.selectNodeContents(el);
    // (A shadow root has getSelection in Chromium, not in the standard: the document's otherwise.)
    const sel = /** @type {Selection} */ ((/** @type {Node & { getSelection?: () => Selection | null }} */ (el.getRootNode()).getSelection ? /** @type {Document} */ (el.getRootNode()) : doc).getSelection());
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // Rich-text editors (Lexical, Draft, plain contenteditable) follow the browser's own editing
  // commands, which fire beforeinput/input as typing would.
  /**
   * @param {Box} el
   * @param {string} text
   * @returns {void}
   */
  function writeRich(el, text) {
    const doc = el.ownerDocument;
    el.focus();
    let ok = true;
    try {
      selectAll(el);
      if (!text) ok = doc.execCommand('delete');
      text.split('\n').forEach((line, i) => {
        if (i > 0) ok = doc.execCommand('insertParagraph') && ok;
        if (line) ok = doc.execCommand('insertText', false, line) && ok;
      });
    } catch {
      ok = false;
    }
    if (!ok || el.innerText.replace(/\n+/g, '\n').trim() !== text.replace(/\n+/g, '\n').trim()) {
      el.replaceChildren(...text.split('\n').map((line) => {
        const p = doc.createElement('div');
        if (line) p.textContent = line; else p.append(doc.createElement('br'));
        return p;
      }));
      el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    }
  }

  // The browser's own `value` setter: the isolated world's prototype (a page cannot replace it),
  // or, for a field in a frame, that frame's.
  /**
   * @param {Box} el  a textarea or an input
   * @param {string} text
   * @returns {void}
   */
  function setValue(el, text) {
    const own = kindOf(el) === 'textarea' ? HTMLTextAreaElement : HTMLInputElement;
    // (Both prototypes have a `value` setter: the descriptor and its `set` are there.)
    try {
      /** @type {(this: Box, v: string) => void} */ (/** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(own.prototype, 'value')).set).call(el, text);
    } catch {
      const view = /** @type {Window & typeof globalThis} */ (el.ownerDocument.defaultView);
      const theirs = kindOf(el) === 'textarea' ? view.HTMLTextAreaElement : view.HTMLInputElement;
      /** @type {(this: Box, v: string) => void} */ (/** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(theirs.prototype, 'value')).set).call(el, text);
    }
  }

  // React and other frameworks keep a field's value only if their input listener sees the change:
  // set it through the prototype's setter, then fire input and change as typing would.
  /**
   * @param {Box} el
   * @param {string} text
   * @returns {void}
   */
  function writePlain(el, text) {
    el.focus();
    setValue(el, text);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: text }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /**
   * @param {Box} el
   * @param {string} text
   * @returns {void}
   */
  function write(el, text) {
    if (kindOf(el) === 'contenteditable') writeRich(el, text); else writePlain(el, text);
  }

  // Text as compared for undo: line endings and blank lines that editors change do not count.
  /** @type {(t: string) => string} */
  const comparable = (t) => String(t).replace(/\r\n?/g, '\n').replace(/[ \u00a0]+\n/g, '\n').replace(/\n{2,}/g, '\n\n').trim();

  // Whether a box is still as the extension read it (same kind, name, id and text length).
  /**
   * @param {Box} el
   * @param {Expect} expect
   * @returns {boolean}
   */
  function matches(el, expect) {
    return kindOf(el) === expect.kind && squash(el.getAttribute('name')) === expect.name &&
      squash(el.id) === expect.id && valueOf(el).trim().length === expect.valueLength;
  }

  // The element a reference names, while it is on the page at the same place; null otherwise.
  /**
   * @param {ShimArg} [arg]
   * @returns {Box | null}
   */
  function field({ ref } = {}) {
    if (typeof ref !== 'string') return null;
    const weak = byRef.get(ref);
    const el = weak && weak.deref();
    if (!el || !el.isConnected) return null;
    const place = placeOf(el);
    return place !== null && ref === `${place}e${numberOf(el)}` ? el : null;
  }

  world.__objectionShim = {
    version: VERSION,
    report,
    // Writes text into the field `ref` of a report; remembers what was there for undo.
    // With `expect`, writes only if the box is still as it was read (else answers `stale`).
    /**
     * @param {ShimArg} arg  `{ ref, text, expect? }`
     * @returns {WriteAnswer}
     */
    write(arg) {
      const el = field(arg);
      if (!el) return { ok: false, missing: true, stale: Boolean(arg.expect) };
      if (arg.expect && !matches(el, arg.expect)) return { ok: false, stale: true };
      const before = valueOf(el);
      write(el, String(arg.text));
      history.set(el, { before, wrote: valueOf(el) });
      lastWritten = new WeakRef(el);
      return { ok: true, value: valueOf(el) };
    },
    // What field `ref` holds now.
    /**
     * @param {ShimArg} arg  `{ ref }`
     * @returns {ReadAnswer}
     */
    read(arg) {
      const el = field(arg);
      return el ? { ok: true, value: valueOf(el) } : { ok: false, missing: true };
    },
    // Shows the person which box field `ref` is: an outline for a moment, scrolled into view.
    // Its value is not touched.
    /**
     * @param {ShimArg} arg  `{ ref }`
     * @returns {MarkAnswer}
     */
    mark(arg) {
      const el = field(arg);
      if (!el) return { ok: false, missing: true };
      const before = /** @type {[string, string]} */ (marked.has(el) ? marked.get(el) : [el.style.outline, el.style.outlineOffset]);
      marked.set(el, before);
      el.style.outline = '3px solid #1b6e3a';
      el.style.outlineOffset = '2px';
      el.scrollIntoView({ block: 'nearest' });
      setTimeout(() => {
        if (marked.get(el) !== before) return;
        marked.delete(el);
        [el.style.outline, el.style.outlineOffset] = before;
      }, 2500);
      return { ok: true };
    },
    // Puts back what field `ref` held before our last write.
    // When the box changed since our write (the person added to the letter), nothing is
    // undone unless `force` says the person agreed: `{ ok: false, changed: true }`.
    /**
     * @param {ShimArg} arg  `{ ref, force? }`
     * @returns {UndoAnswer}
     */
    undo(arg) {
      const el = field(arg);
      if (!el || !history.has(el)) return { ok: false, missing: !el };
      const { before, wrote } = /** @type {{ before: string, wrote: string }} */ (history.get(el));
      if (!arg.force && comparable(valueOf(el)) !== comparable(wrote)) return { ok: false, changed: true };
      history.delete(el);
      write(el, before);
      return { ok: true, value: valueOf(el), expected: before };
    },
  };

  // As a content script: report to the extension once the page has settled, and again whenever
  // the page changes (Meta's pages render late and navigate without reloading).
  let reporting = false;
  let watchUntil = 0; // until when reports carry the overlays (after a Send)
  /** @type {() => void} */
  const startReporting = () => {
    if (reporting || typeof chrome === 'undefined' || !chrome.runtime || !chrome.runtime.id) return;
    if (!world.__objectionContentScript) return;
    reporting = true;
    let timer = 0;
    let last = '';
    /** @type {() => void} */
    const send = () => {
      timer = 0;
      const r = report(Date.now() < watchUntil);
      const key = JSON.stringify([r.url, r.title, r.headings, r.hidden, r.fields.map((f) => [f.kind, f.labels, f.visible]), r.overlays]);
      if (key === last) return;
      last = key;
      chrome.runtime.sendMessage({ type: 'page-report', report: r }).catch(() => {});
    };
    /** @type {() => void} */
    const soon = () => { if (!timer) timer = setTimeout(send, 400); };
    const observer = new MutationObserver(soon);
    /** @type {WeakSet<Node>} */
    const watched = new WeakSet();
    // Frames' documents and shadow roots found by a report are watched too.
    onRoots = (all) => {
      for (const { root } of all) {
        if (watched.has(root)) continue;
        watched.add(root);
        observer.observe(root, { subtree: true, childList: true });
      }
    };
    // The popup asks for a report as it opens, by message, before it has decided anything: the
    // answer is the same as through chrome.scripting (only the extension can send these).
    chrome.runtime.onMessage.addListener((message, sender, respond) => {
      if (sender.id !== chrome.runtime.id || !message || message.type !== 'shim-report') return;
      respond({ answer: report() });
    });
    // The person sends the form we filled (its submit, or a click on its Send button): the
    // background records it, with the text the box holds. Nothing here presses anything.
    let sentAt = 0;
    // For two hours after a Send, reports carry what Meta draws outside its form (its code step,
    // its confirmation); before that they do not, as reading it costs time on a large page.
    const WATCH_MS = 2 * 60 * 60 * 1000;
    /** @type {(event: Event) => void} */
    const sending = (event) => {
      if (!event.isTrusted) return;
      const box = lastWritten && lastWritten.deref();
      if (!box || !box.isConnected || !valueOf(box).trim()) return;
      const target = /** @type {Element | null} */ (event.target instanceof Element ? event.target : null);
      if (!target) return;
      if (event.type === 'click') {
        const button = target.closest('button, input[type="submit"], [role="button"]');
        if (!button || button.closest('form') !== box.closest('form')) return;
        if (button instanceof HTMLButtonElement && button.type !== 'submit') return;
      } else if (target !== box.closest('form')) {
        return;
      }
      if (Date.now() - sentAt < 5000) return; // the click and the submit it causes: once
      sentAt = Date.now();
      watchUntil = Date.now() + WATCH_MS;
      chrome.runtime.sendMessage({ type: 'sent', report: report(true), text: valueOf(box).slice(0, 20000) }).catch(() => {});
    };
    addEventListener('click', sending, true);
    addEventListener('submit', sending, true);
    // Only the browser's own events count (a page can dispatch look-alikes).
    /** @type {(event: Event) => void} */
    const real = (event) => { if (event.isTrusted) soon(); };
    addEventListener('popstate', real);
    addEventListener('load', real, true); // frames finishing loading
    soon();
  };
  world.__objectionStartReporting = startReporting;
  startReporting();
})();
