// Renders extension/icons/icon.svg (our own drawing) to the PNG sizes the manifest names, in
// headless Chromium. Run by `make icons`; the PNGs are committed.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../extension/icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: new URL(`../extension/icons/icon-${size}.png`, import.meta.url).pathname, omitBackground: true });
}
await browser.close();
