// `make test`: the built sizes against budgets.json. Sizes are exact (the build is reproducible),
// so they are checked here, unlike times (make bench). Each entry has a ceiling, the size the
// project has reached, which no change may exceed (raise it only with a reason in the commit),
// and where set the budget the issue asks for; the distance to the budget is printed.
import { readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const budgets = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8'));
const actual = {
  chrome_zip_bytes: statSync(join(root, 'dist/chrome.zip')).size,
  firefox_zip_bytes: statSync(join(root, 'dist/firefox.zip')).size,
  wasm_bytes: statSync(join(root, 'dist/chrome/pkg/objection_bg.wasm')).size,
};
let failed = false;
for (const [name, { ceiling, budget }] of Object.entries(budgets.sizes)) {
  const size = actual[name];
  if (size === undefined) throw new Error(`budgets.json names an unknown size ${name}`);
  const over = size > ceiling;
  failed ||= over;
  const toBudget = budget === undefined ? '' : size <= budget ? `, within the budget of ${budget}` : `, ${size - budget} over the budget of ${budget}`;
  console.log(`${over ? 'FAIL' : 'ok  '} ${name}: ${size} bytes (ceiling ${ceiling}${toBudget})`);
}
if (failed) {
  console.error('A size grew past its ceiling in budgets.json.');
  process.exit(1);
}
