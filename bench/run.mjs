// `npm run bench`: runs every bench/<name>.bench.ts (or only the names given: `npm run bench -- proxy`)
// through vitest's "bench" project, which gives TypeScript and the @shared/@main aliases.
// Each bench prints its figures and ratios against the reference measured in the same run with
// console.log, and records its headline rows (bench/summary.ts); the table of the latest rows of
// every bench is printed at the end. Benches never assert timings; they exit non-zero only when
// they cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const names = process.argv.slice(2);
const filters = names.map((n) => `bench/${n}`);
const r = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'bench', '--disableConsoleIntercept', '--reporter=verbose', ...filters],
  { stdio: 'inherit' },
);

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'results');
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.summary.json'))
      .sort()
  : [];
if (files.length) {
  const lines = ['', '| measured | StackLens | reference (same run) | ratio | target |', '|---|---|---|---|---|'];
  for (const f of files) {
    const { at, rows } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const row of rows)
      lines.push(`| ${row.what} | ${row.stacklens} | ${row.reference} | ${row.ratio} | ${row.target} |`);
    lines.push(`| _${f.replace('.summary.json', '')}: run ${at.slice(0, 16).replace('T', ' ')} UTC_ | | | | |`);
  }
  console.log(lines.join('\n'));
}
process.exit(r.status ?? 1);
