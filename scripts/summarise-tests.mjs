// Sums the JSON reports of vitest and Playwright into one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0,
  failed = 0,
  skipped = 0;
const missing = [];

function vitest(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
function playwright(file) {
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  passed += s.expected;
  failed += s.unexpected + s.flaky;
  skipped += s.skipped;
}

for (const [name, read] of [
  ['unit.json', vitest],
  ['integration.json', vitest],
  ['e2e.json', playwright],
  ['electron.json', playwright],
]) {
  const file = join(dir, name);
  if (existsSync(file)) read(file);
  else if (name !== 'electron.json') missing.push(name);
}
if (missing.length) {
  console.log(`missing reports: ${missing.join(', ')}`);
  failed += missing.length;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
