// Objection helper: the few browser calls the Rust code needs, as plain functions.
// Translation only: no decisions here. Imported by the WebAssembly module (wasm-bindgen).
// Types: see tsconfig.json; the page shim's (PageReport, ShimArg, ShimAnswer…) are in shim.js.

const ext = globalThis.browser ?? globalThis.chrome;

// The tab the popup acts on: `popup.html?tab=<id>`, else the active tab of this window.
/** @returns {Promise<number>}  -1 where there is none */
async function findTargetTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab && typeof tab.id === 'number' ? tab.id : -1;
}

// The tab's URL, or '' where the extension may not see it.
/**
 * @param {number} tabId
 * @returns {Promise<string>}
 */
async function readTabUrl(tabId) {
  try {
    const tab = await ext.tabs.get(tabId);
    return tab.url || tab.pendingUrl || '';
  } catch {
    return '';
  }
}

// Asks our content script in the tab's top frame, if the tab has it (only Meta's contact forms do:
// see the manifest), for the shim's page report: `{ answer }`, or `undefined` where there is none.
// No script goes into the page for this.
/**
 * @param {number} tabId
 * @returns {Promise<ReportReply | undefined>}
 */
async function askContentScriptForReport(tabId) {
  try {
    const got = await ext.tabs.sendMessage(tabId, { type: 'shim-report' }, { frameId: 0 });
    return got && typeof got === 'object' && 'answer' in got ? got : undefined;
  } catch {
    return undefined;
  }
}

// In the popup, the reads it always makes (which tab, its URL, the stored settings, what it
// remembered for the tab, and the page's report where our content script is in the page) start as soon as this module loads, while the
// WebAssembly is still being compiled; the functions below hand each over once, when the Rust
// code asks. Reading only, and nothing decided: whether the report is used stays with the core.
/**
 * The content script's answer to `{ type: 'shim-report' }`.
 * @typedef {{ answer: PageReport }} ReportReply
 */
/**
 * The popup's early reads, each handed over once (then undefined).
 * @typedef {object} Early
 * @property {Promise<number>} [tab]
 * @property {Promise<{ id: number, url: string }>} [url]
 * @property {Promise<{ id: number, got: ReportReply | undefined }>} [report]
 * @property {Promise<Record<string, unknown>>} [storage]
 * @property {Promise<{ key: string, value: unknown }>} [session]
 */
/** @type {Early} */
const early = ext && typeof location !== 'undefined' && location.pathname.endsWith('/popup.html')
  ? (() => {
      const tab = findTargetTab();
      return {
        tab,
        url: tab.then(async (id) => ({ id, url: await readTabUrl(id) })),
        report: tab.then(async (id) => ({ id, got: await askContentScriptForReport(id) })),
        storage: ext.storage.local.get(null),
        // What the popup remembered for this tab (see sessionGet).
        session: tab.then(async (id) => {
          const key = `popup:${id}`;
          return { key, value: ext.storage.session ? (await ext.storage.session.get(key))[key] : undefined };
        }),
      };
    })()
  : {};

/** The popup's early read of its storage, handed out key by key (see storageGet). */
const snapshot = take('storage');
/** @type {Set<string>} */
const snapshotTaken = new Set();

/**
 * @template {keyof Early} K
 * @param {K} name
 * @returns {Early[K]}
 */
function take(name) {
  const pending = early[name];
  early[name] = undefined;
  return pending;
}

/** @returns {Promise<number>} */
export async function targetTab() {
  return (await take('tab')) ?? findTargetTab();
}

/**
 * @param {number} tabId
 * @returns {Promise<string>}
 */
export async function tabUrl(tabId) {
  const pending = take('url');
  const got = pending && (await pending);
  return got && got.id === tabId ? got.url : readTabUrl(tabId);
}

// Runs in the page's isolated world (chrome.scripting serialises it: it sees nothing of this file).
// A shim of another version than the popup's (left in the tab from before an update) counts as
// none, so that the current one is loaded in its place.
/**
 * What `shimCall` answers: the operation's answer, or that the page has no shim of this version.
 * @typedef {{ answer: ShimAnswer, missing?: undefined } | { missing: true, answer?: undefined }} ShimReply
 */
/**
 * @param {ShimOp} op
 * @param {ShimArg | null} arg  null for `report`, which takes none
 * @param {string} version  the extension's version
 * @returns {ShimReply}
 */
function shimCall(op, arg, version) {
  const shim = /** @type {ShimWorld} */ (globalThis).__objectionShim;
  return shim && shim.version === version ? { answer: shim[op](/** @type {ShimArg} */ (arg)) } : { missing: true };
}

// Calls one of the page shim's operations in the tab: one round trip where the shim is there
// already (the content script's, or an earlier call's), else loads shim.js first. The popup's
// first report comes from the content script, asked while the WebAssembly was loading.
/**
 * @param {number} tabId
 * @param {ShimOp} op
 * @param {ShimArg | null | undefined} arg
 * @returns {Promise<ShimAnswer | undefined>}  undefined: the page could not be reached
 */
export async function callShim(tabId, op, arg) {
  const pending = op === 'report' ? take('report') : undefined;
  const prefetched = pending && (await pending);
  if (prefetched && prefetched.id === tabId && prefetched.got) return prefetched.got.answer;
  const target = { tabId };
  const version = ext.runtime.getManifest().version;
  const call = async () => {
    const [first] = await ext.scripting.executeScript({ target, func: shimCall, args: [op, arg ?? null, version] });
    return first ? first.result : undefined;
  };
  let got = await call();
  if (got && got.missing) {
    await ext.scripting.executeScript({ target, files: ['shim.js'] });
    got = await call();
  }
  // The moment the page's answer is back, on this page's clock (`make bench` times Fill by it).
  performance.mark(`objection-shim-${op}`);
  return got ? got.answer : undefined;
}

/**
 * @param {string} key
 * @returns {Promise<unknown>}
 */
export async function storageGet(key) {
  // Each key is read from the popup's early snapshot once (settings, boxes, record: one round
  // trip for all), then anew, so that a later read sees what changed meanwhile.
  const early = snapshot && !snapshotTaken.has(key) ? snapshot : undefined;
  snapshotTaken.add(key);
  const got = await (early ?? ext.storage.local.get(key));
  return got[key];
}

/**
 * What the popup remembers for a tab while the browser runs (storage.session: kept in memory,
 * never written to disk, gone when the browser closes); `undefined` where there is none.
 * @param {string} key
 * @returns {Promise<unknown>}
 */
export async function sessionGet(key) {
  const pending = take('session');
  const got = pending && (await pending);
  if (got && got.key === key) return got.value;
  if (!ext.storage.session) return undefined;
  return (await ext.storage.session.get(key))[key];
}

/**
 * @param {string} key
 * @param {unknown} value
 * @returns {Promise<void>}
 */
export async function sessionSet(key, value) {
  if (ext.storage.session) await ext.storage.session.set({ [key]: value });
}

// Calls `callback` when the stored settings change (another open page saved them).
/**
 * @param {() => void} callback
 * @returns {void}
 */
export function onSettingsChanged(callback) {
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'settings' in changes) callback();
  });
}

/**
 * @param {string} key
 * @param {unknown} value
 * @returns {Promise<void>}
 */
export async function storageSet(key, value) {
  await ext.storage.local.set({ [key]: value });
}

/**
 * @param {number} tabId
 * @param {string} text
 * @param {string} title
 * @returns {Promise<void>}
 */
export async function setBadge(tabId, text, title) {
  await Promise.all([
    ext.action.setBadgeText({ tabId, text }),
    ext.action.setBadgeBackgroundColor({ tabId, color: '#1b6e3a' }),
    ext.action.setTitle({ tabId, title }),
  ]);
}

/**
 * The letters' languages (`de`, `pt-br`…) named in the interface language `ui` by the browser
 * (CLDR), capitalised as a list item is: in the order given; empty where the browser cannot name
 * languages.
 * @param {string} ui  a language tag (`de`, `pt_BR`)
 * @param {string[]} codes
 * @returns {string[]}
 */
export function languageNames(ui, codes) {
  try {
    const tag = ui.replace('_', '-');
    const here = new Intl.DisplayNames([tag], { type: 'language' });
    return codes.map((code) => {
      const raw = here.of(code.replace(/-(\w+)$/, (_, r) => `-${r.toUpperCase()}`)) || '';
      return raw.charAt(0).toLocaleUpperCase(tag) + raw.slice(1);
    });
  } catch {
    return [];
  }
}

/**
 * The order of `names` in the language `ui`'s alphabet (Intl.Collator): their indexes.
 * @param {string} ui  a language tag (`de`, `pt_BR`)
 * @param {string[]} names
 * @returns {number[]}
 */
export function alphabetical(ui, names) {
  const indexes = names.map((_, i) => i);
  try {
    const order = new Intl.Collator(ui.replace('_', '-'));
    return indexes.sort((a, b) => order.compare(names[a], names[b]));
  } catch {
    return indexes;
  }
}

/**
 * A day (`YYYY-MM-DD`) as people write it in the interface language ("4 December 2026").
 * @param {string} ui  a language tag (`de`, `pt_BR`)
 * @param {string} day
 * @returns {string}
 */
export function formatDate(ui, day) {
  try {
    const date = new Date(`${day}T12:00:00`);
    if (Number.isNaN(date.getTime())) return day;
    return new Intl.DateTimeFormat(ui.replace('_', '-'), { dateStyle: 'long' }).format(date);
  } catch {
    return day;
  }
}

/** @returns {string} */
export function uiLanguage() {
  return ext.i18n.getUILanguage();
}

/**
 * @param {string} text
 * @returns {Promise<boolean>}  whether it was copied
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Where the asynchronous clipboard is refused, the older copy command still works on a click.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** @returns {string} */
export function extVersion() {
  return ext.runtime.getManifest().version;
}

/** @returns {void} */
export function openOptions() {
  ext.runtime.openOptionsPage();
}

// Offers `text` as a file download (used for exporting the person's letters).
/**
 * @param {string} name
 * @param {string} text
 * @returns {void}
 */
export function downloadText(name, text) {
  const type = name.endsWith('.txt') ? 'text/plain;charset=utf-8' : 'application/json';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
