/**
 * Finds clouds the way openstacksdk does: clouds.{yaml,yml,json} and secure.* in the current dir,
 * the user config dir, ~/.config/openstack, the site config dir and /etc/openstack (first file
 * found wins per kind; OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE go first), secure merged over
 * clouds, plus the `envvars` cloud from OS_*. Reports what it used, so a desktop app started
 * without a shell environment can say where it looked. Every file access is asynchronous: a slow
 * or hostile file (a FIFO, /dev/zero, a 2 GB file) never stalls main's event loop.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DiscoveryReport } from '@shared/models/cloud';
import { AppError } from '../errors';
import { insecureTransport, withoutUserinfo } from '@shared/cloud-url';
import { normaliseCloud, type CloudConfig } from './cloud-config';
import { kindOf } from '../read-capped';
import { envCloud, mergeSecure, parseCloudsText, readCloudsFile, type RawCloud } from './clouds-yaml';

export interface DiscoveryEnv {
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
  platform?: NodeJS.Platform;
}

const SUFFIXES = ['.yaml', '.yml', '.json'];

/** The search directories in openstacksdk's order, each with a label saying why it is there. */
export function searchDirs(e: DiscoveryEnv): Array<{ dir: string; via: string }> {
  const platform = e.platform ?? process.platform;
  const home = e.env.SNAP_REAL_HOME || e.homeDir;
  const dirs: Array<{ dir: string; via: string }> = [{ dir: e.cwd, via: 'current directory' }];
  if (platform === 'darwin') {
    dirs.push({ dir: join(e.homeDir, 'Library/Application Support/openstack'), via: 'user config dir' });
  } else if (platform === 'win32') {
    dirs.push({
      dir: join(e.env.LOCALAPPDATA ?? join(e.homeDir, 'AppData/Local'), 'OpenStack', 'openstack'),
      via: 'user config dir',
    });
  } else {
    dirs.push({ dir: join(e.env.XDG_CONFIG_HOME || join(e.homeDir, '.config'), 'openstack'), via: 'user config dir' });
  }
  dirs.push({ dir: join(home, '.config', 'openstack'), via: '~/.config/openstack' });
  if (platform === 'darwin') dirs.push({ dir: '/Library/Application Support/openstack', via: 'site config dir' });
  else if (platform === 'win32')
    dirs.push({ dir: join(e.env.PROGRAMDATA ?? 'C:\\ProgramData', 'OpenStack', 'openstack'), via: 'site config dir' });
  else
    dirs.push({ dir: join((e.env.XDG_CONFIG_DIRS || '/etc/xdg').split(':')[0], 'openstack'), via: 'site config dir' });
  dirs.push({ dir: '/etc/openstack', via: '/etc/openstack' });
  const seen = new Set<string>();
  return dirs.filter((d) => (seen.has(d.dir) ? false : (seen.add(d.dir), true)));
}

/** Candidate files of one kind, in search order. */
export function candidateFiles(kind: 'clouds' | 'secure', e: DiscoveryEnv): Array<{ path: string; via: string }> {
  const list: Array<{ path: string; via: string }> = [];
  const override = kind === 'clouds' ? e.env.OS_CLIENT_CONFIG_FILE : e.env.OS_CLIENT_SECURE_FILE;
  if (override)
    list.push({ path: override, via: kind === 'clouds' ? 'OS_CLIENT_CONFIG_FILE' : 'OS_CLIENT_SECURE_FILE' });
  for (const { dir, via } of searchDirs(e)) {
    for (const s of SUFFIXES) list.push({ path: join(dir, `${kind}${s}`), via });
  }
  return list;
}

/** What is at a path (symlinks followed, nothing opened), or undefined when nothing usable is. */
async function statOf(path: string): Promise<Stats | undefined> {
  return stat(path).catch(() => undefined);
}

/**
 * The first regular file of a kind, or undefined. A candidate that exists but is a FIFO, a device
 * or a directory is never opened: it is reported in `report` (when given) and the search goes on.
 */
export async function findFirst(
  kind: 'clouds' | 'secure',
  e: DiscoveryEnv,
  report?: DiscoveryReport,
): Promise<{ path: string; via: string } | undefined> {
  // OS_CLIENT_CONFIG_FILE may name a search path too: look (and report) once.
  const candidates = candidateFiles(kind, e).filter((c, i, all) => all.findIndex((o) => o.path === c.path) === i);
  const infos = await Promise.all(candidates.map((c) => statOf(c.path)));
  for (const [i, c] of candidates.entries()) {
    const info = infos[i];
    if (!info) continue;
    if (info.isFile()) return c;
    report?.errors.push({
      path: c.path,
      message: `The ${kind} file ${c.path} is ${kindOf(info)}, not a regular file: skipped.`,
    });
  }
  return undefined;
}

export interface LoadedClouds {
  report: DiscoveryReport;
  /** The clouds that normalised, by name. */
  configs: CloudConfig[];
}

/** Normalises every raw cloud, recording failures in the report instead of stopping. */
function normaliseAll(
  raws: Record<string, RawCloud>,
  source: string,
  report: DiscoveryReport,
  configs: CloudConfig[],
): void {
  for (const [name, raw] of Object.entries(raws)) {
    try {
      const cfg = normaliseCloud(name, raw, source);
      configs.push(cfg);
      report.clouds.push({
        name,
        source,
        authType: cfg.authType,
        hasSecret: !!cfg.secret,
        authUrl: withoutUserinfo(cfg.authUrl),
        tls: { verify: cfg.verify, cacert: cfg.cacert, cert: cfg.cert },
        insecure: insecureTransport(cfg.authUrl, cfg.verify),
      });
    } catch (err) {
      const message = err instanceof AppError ? err.message : String(err);
      const authType = raw && typeof raw === 'object' ? String((raw as RawCloud).auth_type ?? 'password') : 'unknown';
      report.clouds.push({ name, source, authType, hasSecret: false, error: message });
    }
  }
}

async function tryRead(path: string, kind: 'clouds' | 'secure', report: DiscoveryReport) {
  try {
    return await readCloudsFile(path, `${kind} file`);
  } catch (err) {
    const e = err as AppError;
    const line = typeof e.details?.line === 'number' ? e.details.line : undefined;
    report.errors.push({ path, message: e.message, ...(line ? { line } : {}) });
    return undefined;
  }
}

/** Everything discovery finds: files, env, clouds (valid ones normalised, broken ones with their error). */
export async function discoverClouds(e: DiscoveryEnv): Promise<LoadedClouds> {
  const report: DiscoveryReport = { files: [], envVars: [], clouds: [], errors: [] };
  const configs: CloudConfig[] = [];
  if (e.env.OS_CLOUD) report.osCloud = e.env.OS_CLOUD;
  const cloudsFile = await findFirst('clouds', e, report);
  const secureFile = await findFirst('secure', e, report);
  if (cloudsFile) report.files.push({ kind: 'clouds', ...cloudsFile });
  if (secureFile) report.files.push({ kind: 'secure', ...secureFile });
  for (const override of ['OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE'] as const) {
    const p = e.env[override];
    if (p && !(await statOf(p)))
      report.errors.push({ path: p, message: `${override} names ${p}, which does not exist.` });
  }
  const clouds = cloudsFile ? await tryRead(cloudsFile.path, 'clouds', report) : undefined;
  const secure = secureFile ? await tryRead(secureFile.path, 'secure', report) : undefined;
  const merged = mergeSecure(clouds?.clouds ?? {}, secure?.clouds);
  normaliseAll(merged, cloudsFile?.path ?? secureFile?.path ?? '(none)', report, configs);

  const fromEnv = envCloud(e.env);
  if (fromEnv) {
    report.envVars = fromEnv.vars;
    if (Object.prototype.hasOwnProperty.call(merged, fromEnv.name)) {
      report.errors.push({
        path: cloudsFile?.path ?? '(env)',
        message: `A cloud named "${fromEnv.name}" is in the file and in OS_* variables; rename one (OS_CLOUD_NAME renames the env one).`,
      });
    } else {
      normaliseAll({ [fromEnv.name]: fromEnv.raw }, 'envvars', report, configs);
    }
  } else {
    report.envVars = Object.keys(e.env)
      .filter((k) => k.startsWith('OS_'))
      .sort();
  }
  if (report.osCloud && !report.clouds.some((c) => c.name === report.osCloud)) {
    report.errors.push({
      path: cloudsFile?.path ?? '(env)',
      message: `OS_CLOUD is "${report.osCloud}" but no cloud has that name.`,
    });
  }
  return { report, configs };
}

/**
 * Loads a clouds file given by path (or its text, already read), merging secure.{yaml,yml,json}
 * beside it (import from a path). A broken or unreadable file throws CONFIG_INVALID (a secure.yaml
 * that is a FIFO or a directory included); a broken cloud in it is reported, the others still load.
 */
export async function loadCloudsFromPath(path: string, text?: string): Promise<LoadedClouds> {
  const report: DiscoveryReport = {
    files: [{ kind: 'clouds', path, via: 'chosen file' }],
    envVars: [],
    clouds: [],
    errors: [],
  };
  const clouds = text === undefined ? await readCloudsFile(path) : parseCloudsText(text, path);
  const beside = SUFFIXES.map((s) => join(dirname(path), `secure${s}`));
  const infos = await Promise.all(beside.map(statOf));
  const securePath = beside.find((_, i) => infos[i]);
  let secure: Record<string, RawCloud> | undefined;
  if (securePath && securePath !== path) {
    report.files.push({ kind: 'secure', path: securePath, via: 'beside the chosen file' });
    secure = (await readCloudsFile(securePath, 'secure file')).clouds;
  }
  const configs: CloudConfig[] = [];
  normaliseAll(mergeSecure(clouds.clouds, secure), path, report, configs);
  return { report, configs };
}
