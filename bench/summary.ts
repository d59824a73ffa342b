/**
 * The table `npm run bench` ends with (and the README's performance section copies): each bench
 * records its headline rows here, bench/run.mjs prints them after the run. One JSON file per bench
 * under bench/results/ (not committed), replaced by every run of that bench.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SummaryRow {
  /** What was measured, e.g. "proxy uncached, GET /, c=10". */
  what: string;
  /** StackLens's figure, e.g. "61 req/s". */
  stacklens: string;
  /** The reference measured in the same run, e.g. "real agent 38 req/s". */
  reference: string;
  /** StackLens against the reference, e.g. "1.6x". */
  ratio: string;
  target: string;
}

export function recordSummary(bench: string, rows: SummaryRow[]): void {
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${bench}.summary.json`),
    JSON.stringify({ bench, at: new Date().toISOString(), rows }, null, 2),
  );
}
