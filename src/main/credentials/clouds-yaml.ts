/**
 * Reading clouds.yaml / secure.yaml (and their .yml / .json twins) with the `yaml` library, so a
 * malformed file is reported with its line; deep-merging secure over clouds; and the synthetic
 * `envvars` cloud built from OS_* variables, as openstacksdk does.
 */
import { MAX_CONFIG_BYTES, readCappedFile } from '../read-capped';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { AppError } from '../errors';

export type RawCloud = Record<string, unknown>;

/** The parsed top level of a clouds file: `clouds:` plus whatever else it holds. */
export interface CloudsFile {
  path: string;
  clouds: Record<string, RawCloud>;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Parses clouds.yaml / secure.yaml text. Throws CONFIG_INVALID naming the file and the line for
 * syntax errors (duplicate keys included) and for a `clouds:` that is not a mapping.
 */
export function parseCloudsText(text: string, path: string): CloudsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    const firstLine = e.message.split('\n')[0];
    throw new AppError(
      'CONFIG_INVALID',
      `${path}${line ? ` line ${line}` : ''}: ${firstLine}`,
      'Fix the YAML syntax at that line (indentation, a missing colon or quote, a duplicate key).',
      { file: path, ...(line ? { line } : {}) },
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { path, clouds: {} };
  if (!isMapping(data)) {
    throw new AppError(
      'CONFIG_INVALID',
      `${path}: the file is not a mapping with a \`clouds:\` key.`,
      'A clouds.yaml starts with `clouds:` followed by one mapping per cloud.',
      { file: path },
    );
  }
  const clouds = data.clouds ?? {};
  if (!isMapping(clouds)) {
    const line = lineOfKey(doc, lines, 'clouds');
    throw new AppError(
      'CONFIG_INVALID',
      `${path}${line ? ` line ${line}` : ''}: \`clouds:\` must be a mapping of cloud names to settings.`,
      'Indent each cloud name under `clouds:`.',
      { file: path, ...(line ? { line } : {}) },
    );
  }
  return { path, clouds: clouds as Record<string, RawCloud> };
}

/** The 1-based line of a top-level key, for errors about its value. */
function lineOfKey(doc: Document, lines: LineCounter, key: string): number | undefined {
  const map = doc.contents;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((i) => isScalar(i.key) && i.key.value === key);
  const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/**
 * Reads and parses a clouds / secure file without blocking main; an unreadable file is
 * CONFIG_INVALID naming it. A regular file under 1 MiB only: a FIFO, a device or a huge file is
 * refused before a byte is read.
 */
export async function readCloudsFile(path: string, what = 'clouds file'): Promise<CloudsFile> {
  const text = await readCappedFile(path, {
    maxBytes: MAX_CONFIG_BYTES,
    what,
    hint: 'Choose a clouds.yaml / secure.yaml (a regular file under 1 MiB).',
  });
  return parseCloudsText(text.toString('utf8'), path);
}

/** Deep merge (openstacksdk _util.merge_clouds): nested mappings merge key by key, other values are replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMapping(v) && isMapping(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

/** secure.yaml's clouds merged over clouds.yaml's (clouds only in secure.yaml are kept too, as the sdk does). */
export function mergeSecure(
  clouds: Record<string, RawCloud>,
  secure: Record<string, RawCloud> | undefined,
): Record<string, RawCloud> {
  if (!secure) return clouds;
  return deepMerge(clouds, secure) as Record<string, RawCloud>;
}

/** Variables that only select or locate: alone, they make no `envvars` cloud. */
const SELECTORS = new Set([
  'OS_CLOUD',
  'OS_REGION_NAME',
  'OS_CLIENT_CONFIG_FILE',
  'OS_CLIENT_SECURE_FILE',
  'OS_CLOUD_NAME',
]);

/** The OS_* variables openstacksdk turns into cloud keys (OS_TEST*, OS_STD*, OS_LOG* excluded). */
export function cloudEnvVars(env: Record<string, string | undefined>): string[] {
  return Object.keys(env)
    .filter((k) => k.startsWith('OS_') && !/^OS_(TEST|STD|LOG)/.test(k) && env[k] !== undefined)
    .sort();
}

/**
 * The synthetic cloud from OS_* variables: OS_AUTH_URL -> auth_url and so on, named `envvars` or
 * OS_CLOUD_NAME. Undefined when only selector variables are set.
 */
export function envCloud(
  env: Record<string, string | undefined>,
): { name: string; raw: RawCloud; vars: string[] } | undefined {
  const vars = cloudEnvVars(env);
  if (!vars.some((k) => !SELECTORS.has(k))) return undefined;
  const raw: RawCloud = {};
  for (const k of vars) {
    if (SELECTORS.has(k) && k !== 'OS_REGION_NAME') continue;
    raw[k.slice(3).toLowerCase()] = env[k];
  }
  return { name: env.OS_CLOUD_NAME || 'envvars', raw, vars };
}
