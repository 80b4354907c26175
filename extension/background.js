// Background worker: hands the content script's page reports to the Rust core, which marks the
// toolbar icon. Listeners are registered at once, as service workers require.
import { ready, onPageReport } from './app.js';

const ext = globalThis.browser ?? globalThis.chrome;

/**
 * A content script's message to the worker: its page report.
 * @typedef {{ type: 'page-report', report: PageReport }} PageReportMessage
 */
ext.runtime.onMessage.addListener((/** @type {PageReportMessage | undefined} */ message, sender) => {
  if (sender.id !== ext.runtime.id || !sender.tab || sender.frameId !== 0) return;
  if (!message || message.type !== 'page-report') return;
  // The page's address is the one the browser gives for the sender, never what the page reports.
  const url = sender.url || sender.tab.url || '';
  // (`sender.tab` was checked above; the callback's type does not carry that.)
  ready.then(() => onPageReport(/** @type {chrome.tabs.Tab} */ (sender.tab).id, url, message.report));
});
