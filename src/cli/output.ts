/**
 * openstackclient's output options for list and show commands: `-f table|value|json` and
 * `-c COLUMN` (repeatable, in the order given). `value` prints bare values separated by spaces,
 * one row per line, which is what shell scripts read (`-f value -c id`).
 */
import { UsageError } from './usage-error';

export const OUTPUT_FORMATS = ['table', 'value', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  format: OutputFormat;
  /** Columns to print, in order; empty = every column. */
  columns: string[];
}

/** The parseArgs options every command with -f/-c accepts. */
export const OUTPUT_ARGS = {
  format: { type: 'string', short: 'f' },
  column: { type: 'string', short: 'c', multiple: true },
} as const;

export type Cell = string | number | boolean | null | undefined | readonly string[];
export type Row = Record<string, Cell>;

/** Checks -f and -c against what the command prints. */
export function outputOptions(
  values: { format?: string; column?: string[] },
  columns: readonly string[],
  fallback: OutputFormat = 'table',
): OutputOptions {
  const format = (values.format ?? fallback) as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    throw new UsageError(`-f is one of ${OUTPUT_FORMATS.join(', ')} (got ${values.format}).`);
  const chosen = values.column ?? [];
  const unknown = chosen.filter((c) => !columns.includes(c));
  if (unknown.length)
    throw new UsageError(`No column ${unknown.map((c) => `"${c}"`).join(', ')}; columns: ${columns.join(', ')}.`);
  return { format, columns: chosen };
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (Array.isArray(cell)) return cell.join(', ');
  return String(cell);
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

/** A bordered table like openstackclient's (prettytable): +----+ rules, | cells |. */
export function table(columns: readonly string[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((c) => text(row[c]).replace(/\s*\n\s*/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [rule, line([...columns]), rule, ...cells.map(line), ...(cells.length ? [rule] : [])].join('\n');
}

/** A list: one row per item. */
export function renderList(allColumns: readonly string[], rows: readonly Row[], options: OutputOptions): string {
  const columns = options.columns.length ? options.columns : allColumns;
  switch (options.format) {
    case 'json':
      return JSON.stringify(
        rows.map((r) => pick(r, columns)),
        null,
        2,
      );
    case 'value':
      return rows.map((r) => columns.map((c) => text(r[c])).join(' ')).join('\n');
    case 'table':
      return table(columns, rows);
  }
}

/** One object: a Field | Value table, bare values one per line, or a JSON object. */
export function renderRecord(allColumns: readonly string[], record: Row, options: OutputOptions): string {
  const columns = options.columns.length ? options.columns : allColumns;
  switch (options.format) {
    case 'json':
      return JSON.stringify(pick(record, columns), null, 2);
    case 'value':
      return columns.map((c) => text(record[c])).join('\n');
    case 'table':
      return table(
        ['Field', 'Value'],
        columns.map((c) => ({ Field: c, Value: record[c] })),
      );
  }
}
