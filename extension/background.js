// Background worker: hands the content script's page reports to the Rust core, which marks the
// toolbar icon. Listeners are registered at once, as service workers require.
import { ready, onPageReport } from './app.js';

const ext = globalThis.browser ?? globalThis.chrome;

ext.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== ext.runtime.id || !sender.tab || sender.frameId !== 0) return;
  if (!message || message.type !== 'page-report') return;
  ready.then(() => onPageReport(sender.tab.id, message.report));
});
