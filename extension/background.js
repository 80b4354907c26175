// Background worker: hands the content script's page reports to the Rust core, which marks the
// toolbar icon. Listeners are registered at once, as service workers require.
import { ready, onPageReport } from './app.js';

const ext = globalThis.browser ?? globalThis.chrome;

ext.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== ext.runtime.id || !sender.tab || sender.frameId !== 0) return;
  if (!message || message.type !== 'page-report') return;
  // The page's address is the one the browser gives for the sender, never what the page reports.
  const url = sender.url || sender.tab.url || '';
  ready.then(() => onPageReport(sender.tab.id, url, message.report));
});
