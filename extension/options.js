// Options page: loads the Rust core, which draws the page.
import init, { startOptions } from './pkg/objection.js';

const ext = globalThis.browser ?? globalThis.chrome;
document.documentElement.lang = ext.i18n.getUILanguage();
document.title = ext.i18n.getMessage('optionsTitle');
await init({ module_or_path: new URL('pkg/objection_bg.wasm', import.meta.url) });
await startOptions();
