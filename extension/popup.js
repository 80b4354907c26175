// Popup: loads the Rust core and hands it the page. Everything else happens in Rust.
import init, { startPopup } from './pkg/objection.js';

const ext = globalThis.browser ?? globalThis.chrome;
document.documentElement.lang = ext.i18n.getUILanguage();
document.title = ext.i18n.getMessage('extName');
await init({ module_or_path: new URL('pkg/objection_bg.wasm', import.meta.url) });
await startPopup();
