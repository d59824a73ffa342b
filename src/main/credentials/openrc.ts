/**
 * Reads an openrc file (Horizon's `*-openrc.sh` and hand-written ones) WITHOUT executing it: only
 * `export OS_X=value` / `OS_X=value` assignments and top-level `unset` are honoured, with shell
 * quoting and `$VAR` expansion from earlier assignments (shell-quote does the word parsing).
 * `read -sr OS_PASSWORD_INPUT` means the password is typed at a prompt: it is not in the file.
 */
import { MAX_CONFIG_BYTES, readCappedFile } from '../read-capped';
import { basename } from 'node:path';
import { parse, type ParseEntry } from 'shell-quote';
import { AppError } from '../errors';
import { normaliseCloud, type CloudConfig } from './cloud-config';
import { envCloud } from './clouds-yaml';

export interface OpenrcParse {
  /** The OS_* variables the file sets, after unsets. */
  vars: Record<string, string>;
  /** Things the admin should know ("OS_PASSWORD is read at a prompt", skipped lines). */
  notes: string[];
  /** True when the file prompts for the password (`read ... OS_PASSWORD_INPUT`). */
  promptsForPassword: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONTROL = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'do',
  'done',
  'case',
  'esac',
  'function',
  '{',
  '}',
]);

/** Splits parsed words into statements at `;` / `&&` / `||` operators; comments end the line. */
function statements(entries: ParseEntry[]): Array<Array<string>> {
  const out: string[][] = [[]];
  for (const e of entries) {
    if (typeof e === 'string') out[out.length - 1].push(e);
    else if ('comment' in e) break;
    else if ('op' in e && [';', '&&', '||'].includes(e.op)) out.push([]);
    else out[out.length - 1].push('\u0000'); // pipes, redirections, globs: not an assignment we trust
  }
  return out.filter((s) => s.length > 0);
}

/** Parses openrc text into the OS_* variables it would set. Never runs anything. */
export function parseOpenrc(text: string): OpenrcParse {
  const vars: Record<string, string> = {};
  const notes: string[] = [];
  let promptsForPassword = false;
  const lines = text.replace(/\\\r?\n/g, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const missing: string[] = [];
    const entries = parse(trimmed, (key: string) => {
      // Own properties only: `$constructor` or `$__proto__` must expand to nothing, not to Object's.
      if (Object.hasOwn(vars, key)) return vars[key];
      missing.push(key);
      return '';
    });
    for (const words of statements(entries)) {
      const [cmd, ...args] = words;
      if (CONTROL.has(cmd)) return; // conditionals: skip the whole line (Horizon's "unset if empty")
      if (cmd === 'read') {
        if (args.includes('OS_PASSWORD_INPUT') || args.includes('OS_PASSWORD')) promptsForPassword = true;
        continue;
      }
      if (cmd === 'unset') {
        for (const a of args) delete vars[a];
        continue;
      }
      const assignments = cmd === 'export' ? args : [cmd, ...args];
      for (const a of assignments) {
        const eq = a.indexOf('=');
        if (eq <= 0 || !NAME.test(a.slice(0, eq))) {
          if (cmd !== 'export' && cmd !== 'echo')
            notes.push(`Line ${i + 1}: "${cmd}" ignored (openrc files are read, not run).`);
          break;
        }
        const name = a.slice(0, eq);
        const value = a.slice(eq + 1);
        if (missing.length > 0 && value === '') {
          notes.push(
            `Line ${i + 1}: ${name} comes from $${missing[0]}, which the file does not set (typed at a prompt?): not imported.`,
          );
          continue;
        }
        vars[name] = value;
      }
    }
  });
  const osVars = Object.fromEntries(Object.entries(vars).filter(([k]) => k.startsWith('OS_')));
  if (promptsForPassword && !osVars.OS_PASSWORD)
    notes.push('The file asks for the password at a prompt: you will be asked for it when connecting.');
  return { vars: osVars, notes, promptsForPassword };
}

/** A readable cloud name for an openrc: OS_CLOUD_NAME, else the file name without -openrc.sh. */
function cloudNameFor(path: string, vars: Record<string, string>): string {
  if (vars.OS_CLOUD_NAME) return vars.OS_CLOUD_NAME;
  const base = basename(path)
    .replace(/\.(sh|bash|rc|txt)$/i, '')
    .replace(/[-_.]?openrc$/i, '');
  return base || vars.OS_PROJECT_NAME || 'openrc';
}

/** Reads an openrc file (without blocking main) into a normalised cloud; see openrcCloud. */
export async function loadOpenrc(path: string): Promise<{ config: CloudConfig; notes: string[] }> {
  const text = await readCappedFile(path, {
    maxBytes: MAX_CONFIG_BYTES,
    what: 'openrc file',
    hint: 'Choose the openrc downloaded from Horizon (a regular file under 1 MiB).',
  });
  return openrcCloud(path, text.toString('utf8'));
}

/** An openrc's text as a normalised cloud; CONFIG_INVALID when it sets nothing usable. */
export function openrcCloud(path: string, text: string): { config: CloudConfig; notes: string[] } {
  const parsed = parseOpenrc(text);
  const cloud = envCloud(parsed.vars);
  if (!cloud) {
    throw new AppError(
      'CONFIG_INVALID',
      `${path} sets no OS_* variables (an openrc exports OS_AUTH_URL, OS_USERNAME, ...).`,
      'Choose the openrc file downloaded from Horizon (API Access), or a clouds.yaml.',
      { file: path },
    );
  }
  return { config: normaliseCloud(cloudNameFor(path, parsed.vars), cloud.raw, path), notes: parsed.notes };
}
