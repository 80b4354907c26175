// Website composer: loads the Rust core (the same WebAssembly as the extension) and hands it the
// page. Everything else happens in Rust (src/web/composer.rs). If the browser cannot run it, the
// page says so and points to the guide.
try {
  const { default: init, startComposer } = await import('./pkg/objection.js');
  await init({ module_or_path: new URL('pkg/objection_bg.wasm', import.meta.url) });
  if (!startComposer()) throw new Error('the composer is missing from this page');
} catch (error) {
  document.getElementById('composer-failed')?.removeAttribute('hidden');
  console.error('Objection helper composer:', error);
}
