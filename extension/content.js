// Marks this run of shim.js as the content script, which reports the page to the background
// worker so that the toolbar icon shows when this is the form. (When the popup injects shim.js,
// it only answers the popup's calls.)
/** @type {ShimWorld} */ (globalThis).__objectionContentScript = true;
