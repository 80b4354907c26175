// The one script of the extension's pages (popup, options) and of its background worker: the Rust
// core's loader. At build time esbuild bundles it with wasm-bindgen's glue and browser.js, so that
// a page loads one script rather than three in turn. Translation only: no decisions here.
import init, { startPage, onPageReport } from './pkg/objection.js';

export const ready = init({ module_or_path: new URL('pkg/objection_bg.wasm', import.meta.url) });
export { onPageReport };

// A page starts at once (the core sees which page it is); the background worker only imports.
if (typeof document !== 'undefined') ready.then(startPage);
