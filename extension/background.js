// Background worker: hands the content script's page reports to the Rust core, which marks the
// toolbar icon. Listeners are registered at once, as service workers require.
import { ready, onPageReport, onSent } from './app.js';

const ext = globalThis.browser ?? globalThis.chrome;

/**
 * A content script's message to the worker: its page report; or that the person pressed Send on
 * the form we filled, with the report of that moment and the text in the box.
 * @typedef {{ type: 'page-report', report: PageReport } | { type: 'sent', report: PageReport, text: string }} PageMessage
 */
ext.runtime.onMessage.addListener((/** @type {PageMessage | undefined} */ message, sender) => {
  if (sender.id !== ext.runtime.id || !sender.tab || sender.frameId !== 0) return;
  if (!message || (message.type !== 'page-report' && message.type !== 'sent')) return;
  // The page's address is the one the browser gives for the sender, never what the page reports.
  const url = sender.url || sender.tab.url || '';
  // (`sender.tab` was checked above; the callback's type does not carry that.)
  const tab = /** @type {chrome.tabs.Tab} */ (sender.tab).id;
  if (message.type === 'sent') {
    ready.then(() => onSent(tab, url, message.report, String(message.text)));
  } else {
    ready.then(() => onPageReport(tab, url, message.report));
  }
});
