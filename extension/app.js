// The one script of the extension's pages (popup, options) and of its background worker: the Rust
// core's loader. At build time esbuild bundles it with wasm-bindgen's glue and browser.js, so that
// a page loads one script rather than three in turn. Translation only: no decisions here.
// wasm-bindgen writes ./pkg/objection.js at build time (build/pkg, copied into dist/), without
// typings (--no-typescript): its three functions are typed here, where they are used.
// @ts-expect-error -- the module is not in extension/ (see above)
import init, { startPage, onPageReport, onSent } from './pkg/objection.js';

/**
 * The WebAssembly module, loaded and started (wasm-bindgen's `init`).
 * @type {Promise<unknown>}
 */
export const ready = init({ module_or_path: new URL('pkg/objection_bg.wasm', import.meta.url) });
/**
 * `onPageReport(tabId, url, report)`: the core marks the toolbar icon for a page's report.
 * (Its type is `(tabId: number, url: string, report: unknown) => void`; re-exported as is.)
 */
export { onPageReport };
/**
 * `onSent(tabId, url, report, text)`: the core records the objection the person sent.
 */
export { onSent };

// A page starts at once (the core sees which page it is); the background worker only imports.
// Should the WebAssembly not load or start, the page says so in the interface's language, in
// place of the English line its HTML holds until the core draws the page. (A panic once the core
// runs does not reject this promise: the page then keeps that line, or what the core drew.)
if (typeof document !== 'undefined') {
  ready.then(/** @type {() => Promise<void>} */ (startPage)).catch(() => {
    const main = document.querySelector('main');
    if (main) main.textContent = chrome.i18n.getMessage('startFailed') || main.textContent;
  });
}
