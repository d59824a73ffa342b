// `npm run bench`: runs every bench/<name>.bench.ts (or only the names given: `npm run bench -- proxy`)
// through vitest's "bench" project, which gives TypeScript and the @shared/@main aliases.
// Each bench prints its figures and ratios against the reference measured in the same run with
// console.log. Benches never assert timings; they exit non-zero only when they cannot run.
import { spawnSync } from 'node:child_process';

const names = process.argv.slice(2);
const filters = names.map((n) => `bench/${n}`);
const r = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'bench', '--disableConsoleIntercept', '--reporter=verbose', ...filters],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
