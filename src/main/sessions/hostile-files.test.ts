/**
 * Files main must not choke on: a FIFO, /dev/zero, a directory, a 2 GB sparse file, given to the
 * clouds:importFile route (clouds.yaml, secure.yaml beside it, openrc), met by discovery
 * (clouds:discover, clouds:importDiscovered), picked as a CA bundle / client cert / key or as a
 * topology snapshot, or met as a cloud's CA file. Each gets a clear error at once, and main's
 * event loop keeps ticking throughout (a FIFO used to freeze main until a writer came). And every
 * read of those files is asynchronous: with the filesystem stalled, main runs on while it waits.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  constants,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  open,
  openSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import type { DiscoveryReport, ImportResult } from '@shared/models/cloud';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import { cloudsRoutes } from '../ipc/routes/clouds';
import { topologyRoutes } from '../ipc/routes/topology';
import type { Services } from '../services';
import { closeHttpAgents, httpRequest } from '../openstack/http';
import { createTestServices } from '../testing/test-services';

const APP = 'http://localhost:5173/';
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await closeHttpAgents();
});

function setup(discovery: { env?: Record<string, string>; cwd?: string; homeDir?: string } = {}) {
  /** Answers of main's native open dialog, in order: the renderer never sends a path. */
  const picks: string[] = [];
  const { services, dataDir } = createTestServices({
    ...discovery,
    dialogs: { openFile: async () => picks.shift() ?? null },
  });
  const dispatch = createDispatcher(cloudsRoutes as unknown as RouteTable<Services>, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
  });
  return { dataDir, picks, call: (channel: string, req?: unknown) => dispatch(channel, req, { senderUrl: APP }) };
}

type Hostile = 'fifo' | 'zero' | 'directory' | 'sparse';
const HOSTILE: Hostile[] = ['fifo', 'zero', 'directory', 'sparse'];

/** What each hostile file is called in main's error (config files: 1 MiB cap). */
const CONFIG_MESSAGE: Record<Hostile, RegExp> = {
  fifo: /is a FIFO \(named pipe\), not a regular file/,
  zero: /is a device, not a regular file/,
  directory: /is a directory, not a regular file/,
  sparse: /is 2048 MiB, more than the 1 MiB allowed/,
};

/** Makes one hostile file at `path` (/dev/zero through a symlink, as a planted clouds.yaml would be). */
function plant(kind: Hostile, path: string): string {
  if (kind === 'fifo') {
    execFileSync('mkfifo', [path]);
    // A blocking read would wait for a writer: one comes after 1.5 s (and blocks forever after).
    children.push(spawn('sh', ['-c', `sleep 1.5; echo 'clouds: {}' > '${path}'`], { stdio: 'ignore' }));
  } else if (kind === 'zero') symlinkSync('/dev/zero', path);
  else if (kind === 'directory') mkdirSync(path);
  else {
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
    closeSync(fd);
  }
  return path;
}

function hostileFiles(dir: string, name = 'clouds.yaml') {
  return {
    fifo: plant('fifo', join(dir, name)),
    directory: plant('directory', join(dir, `dir-${name}`)),
    sparse: plant('sparse', join(dir, `huge-${name}`)),
    zero: '/dev/zero',
  };
}

const cloudsText = (name: string) =>
  `clouds:\n  ${name}:\n    auth:\n      auth_url: http://127.0.0.1:5000/v3\n      username: alice\n`;
const openrcText = (name: string) =>
  `export OS_AUTH_URL=http://127.0.0.1:5000/v3\nexport OS_USERNAME=alice\nexport OS_CLOUD_NAME=${name}\n`;
const LAB_CLOUDS = cloudsText('lab');

/** A discovery sandbox: an empty cwd, and a home whose ~/.config/openstack/clouds.yaml has `lab`. */
function discoverySandbox() {
  const root = mkdtempSync(join(tmpdir(), 'sl-hostile-disc-'));
  const cwd = join(root, 'cwd');
  const homeDir = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(join(homeDir, '.config/openstack'), { recursive: true });
  writeFileSync(join(homeDir, '.config/openstack/clouds.yaml'), LAB_CLOUDS);
  return { root, cwd, homeDir, env: { XDG_CONFIG_DIRS: join(root, 'etc') } };
}

/**
 * Holds every thread of libuv's pool on a blocking FIFO open, as a hung NFS home would: an
 * asynchronous file call queues behind them while main's thread runs on; a synchronous one would
 * not wait at all. Checks the pool is really held (a stat of / gets no answer), returns the release.
 */
async function holdThreadPool(dir: string): Promise<() => Promise<void>> {
  const size = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const fifos = Array.from({ length: size }, (_, i) => join(dir, `hold-${i}`));
  for (const f of fifos) execFileSync('mkfifo', [f]);
  const opened = fifos.map(
    (f) => new Promise<number>((resolve, reject) => open(f, 'r', (err, fd) => (err ? reject(err) : resolve(fd)))),
  );
  let answered = false;
  const probe = stat('/').then(() => (answered = true));
  await sleep(100);
  expect(answered, 'the thread pool is held').toBe(false);
  return async () => {
    for (const f of fifos) closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    for (const fd of await Promise.all(opened)) closeSync(fd);
    await probe;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` with a 10 ms ticker beside it: the longest stall says whether main was frozen. */
async function ticking<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number; ms: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    await new Promise((r) => setTimeout(r, 50));
    return { value, stallMs: Math.max(stallMs, performance.now() - last), ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

function errorOf(value: Result<unknown>): string {
  return (value as Extract<Result<unknown>, { ok: false }>).error.message;
}

function dataOf<T>(value: Result<unknown>): T {
  expect(value).toMatchObject({ ok: true });
  return (value as Extract<Result<T>, { ok: true }>).data;
}

describe('hostile files', () => {
  it('imports of a FIFO, /dev/zero, a directory and a 2 GB file fail at once with a clear error', async () => {
    const { call, dataDir, picks } = setup();
    // clouds.yaml-named files, and openrc-named ones that import without a kind (told apart by content).
    const yaml = hostileFiles(dataDir);
    const rc = hostileFiles(dataDir, 'alpha-openrc');
    const imports: Array<[string, 'clouds' | 'openrc' | undefined, Record<Hostile, string>]> = [
      ['clouds', 'clouds', yaml],
      ['openrc', 'openrc', rc],
      ['no kind', undefined, rc],
    ];
    for (const [label, kind, files] of imports) {
      for (const hostile of HOSTILE) {
        const path = files[hostile];
        picks.push(path);
        const { value, stallMs, ms } = await ticking(() => call('clouds:importFile', kind ? { kind } : {}));
        expect(value, `${label} ${path}`).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
        expect(errorOf(value), `${label} ${path}`).toMatch(CONFIG_MESSAGE[hostile]);
        expect(errorOf(value), `${label} ${path}`).toContain(path);
        expect(ms, `${label} ${path}`).toBeLessThan(1000);
        expect(stallMs, `${label} ${path}`).toBeLessThan(1000);
      }
    }
  });

  it('a secure.yaml beside the chosen clouds.yaml that is a FIFO, /dev/zero, a directory or 2 GB: a clear error', async () => {
    const { call, dataDir, picks } = setup();
    for (const hostile of HOSTILE) {
      const dir = join(dataDir, hostile);
      mkdirSync(dir);
      writeFileSync(join(dir, 'clouds.yaml'), LAB_CLOUDS);
      const secure = plant(hostile, join(dir, 'secure.yaml'));
      picks.push(join(dir, 'clouds.yaml'));
      const { value, stallMs, ms } = await ticking(() => call('clouds:importFile', { kind: 'clouds' }));
      expect(value, hostile).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
      expect(errorOf(value), hostile).toMatch(CONFIG_MESSAGE[hostile]);
      expect(errorOf(value), hostile).toContain(`secure file ${secure}`);
      expect(ms, hostile).toBeLessThan(1000);
      expect(stallMs, hostile).toBeLessThan(1000);
    }
    expect(await call('clouds:list')).toEqual({ ok: true, data: [] });
  });

  it('discovery meets a FIFO, /dev/zero, a directory or a 2 GB clouds.yaml / secure.yaml: reported, main ticks', async () => {
    for (const file of ['clouds', 'secure'] as const) {
      for (const hostile of HOSTILE) {
        const label = `${file}.yaml ${hostile}`;
        const box = discoverySandbox();
        const planted = plant(hostile, join(box.cwd, `${file}.yaml`));
        const { call } = setup(box);
        const found = await ticking(() => call('clouds:discover'));
        expect(found.stallMs, label).toBeLessThan(1000);
        expect(found.ms, label).toBeLessThan(1000);
        const report = dataOf<DiscoveryReport>(found.value);
        const error = report.errors.find((e) => e.path === planted);
        expect(error?.message, label).toMatch(CONFIG_MESSAGE[hostile]);
        const imported = await ticking(() => call('clouds:importDiscovered', { names: ['lab'] }));
        expect(imported.stallMs, label).toBeLessThan(1000);
        const result = dataOf<ImportResult>(imported.value);
        if (file === 'clouds' && hostile === 'sparse') {
          // A regular file wins the search even when too big: nothing from it, and the import says why.
          expect(report.clouds, label).toEqual([]);
          expect(result.imported, label).toEqual([]);
          expect(result.skipped[0].reason, label).toMatch(CONFIG_MESSAGE.sparse);
        } else {
          // A FIFO, a device or a directory is never opened: the search goes on to ~/.config/openstack.
          expect(
            result.imported.map((c) => c.name),
            label,
          ).toEqual(['lab']);
        }
      }
    }
  });

  it('OS_CLIENT_CONFIG_FILE=/dev/zero and OS_CLIENT_SECURE_FILE=<a FIFO> are reported for what they are', async () => {
    const box = discoverySandbox();
    const fifo = plant('fifo', join(box.root, 'secure-fifo'));
    const { call } = setup({
      ...box,
      env: { ...box.env, OS_CLIENT_CONFIG_FILE: '/dev/zero', OS_CLIENT_SECURE_FILE: fifo },
    });
    const { value, stallMs } = await ticking(() => call('clouds:discover'));
    const messages = dataOf<DiscoveryReport>(value).errors.map((e) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/The clouds file \/dev\/zero is a device, not a regular file: skipped/),
      expect.stringMatching(/The secure file .*secure-fifo is a FIFO \(named pipe\), not a regular file: skipped/),
    ]);
    expect(stallMs).toBeLessThan(1000);
  });

  it('discovery and imports read asynchronously: with the filesystem stalled they wait and main keeps ticking', async () => {
    const box = discoverySandbox();
    const home = join(box.homeDir, '.config/openstack/clouds.yaml');
    const { call, picks } = setup(box);
    const names = (r: Result<unknown>) => dataOf<ImportResult>(r).imported.map((c) => c.name);
    // Each call starts while the filesystem is stalled; its file is rewritten during the stall, so
    // the result shows whether the file was read then (synchronously) or once the disk answered.
    const cases: Array<{ label: string; channel: string; request?: object; file: string; text: string }> = [
      { label: 'discover', channel: 'clouds:discover', file: home, text: cloudsText('late-discover') },
      {
        label: 'import discovered',
        channel: 'clouds:importDiscovered',
        request: { names: ['late-discovered'] },
        file: home,
        text: cloudsText('late-discovered'),
      },
      {
        label: 'import clouds.yaml',
        channel: 'clouds:importFile',
        request: { kind: 'clouds' },
        file: join(box.root, 'clouds.yaml'),
        text: cloudsText('late-yaml'),
      },
      {
        label: 'import openrc',
        channel: 'clouds:importFile',
        request: { kind: 'openrc' },
        file: join(box.root, 'a-openrc'),
        text: openrcText('late-openrc'),
      },
      {
        label: 'import by content',
        channel: 'clouds:importFile',
        request: {},
        file: join(box.root, 'b-openrc'),
        text: openrcText('late-sniffed'),
      },
    ];
    const results: Result<unknown>[] = [];
    for (const { label, channel, request, file, text } of cases) {
      writeFileSync(file, text.replace(/late-\w+/, 'early'));
      if (channel === 'clouds:importFile') picks.push(file);
      const release = await holdThreadPool(mkdtempSync(join(box.root, 'hold-')));
      const { value, stallMs } = await ticking(async () => {
        let settled = false;
        const pending = call(channel, request).finally(() => (settled = true));
        await sleep(500);
        const waited = !settled;
        writeFileSync(file, text);
        await release();
        return { waited, result: await pending };
      });
      // The call waits for the stalled filesystem instead of reading on main's thread...
      expect(value.waited, label).toBe(true);
      expect(stallMs, label).toBeLessThan(1000);
      results.push(value.result);
    }
    // ...and reads the file as it is once the filesystem answers.
    expect(dataOf<DiscoveryReport>(results[0]).clouds.map((c) => c.name)).toEqual(['late-discover']);
    expect(results.slice(1).map(names)).toEqual([
      ['late-discovered'],
      ['late-yaml'],
      ['late-openrc'],
      ['late-sniffed'],
    ]);
  });

  it("a CA bundle, client cert or key chosen in main's dialog: the same files fail at once", async () => {
    const { call, dataDir, picks } = setup();
    const files = hostileFiles(dataDir);
    const big = join(dataDir, 'big.pem');
    writeFileSync(big, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(300 * 1024)}\n-----END CERTIFICATE-----\n`);
    const cases: Array<[string, RegExp]> = [
      [files.fifo, /is a FIFO \(named pipe\), not a regular file/],
      [files.zero, /is a device, not a regular file/],
      [files.directory, /is a directory, not a regular file/],
      [files.sparse, /is 2048 MiB, more than the 256 KiB allowed/],
      [big, /is 300 KiB, more than the 256 KiB allowed/],
    ];
    for (const kind of ['cacert', 'cert', 'key'] as const) {
      for (const [path, message] of cases) {
        picks.push(path);
        const { value, stallMs, ms } = await ticking(() => call('clouds:chooseTlsFile', { kind }));
        expect(value, `${kind} ${path}`).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
        expect((value as Extract<Result<unknown>, { ok: false }>).error.message, path).toMatch(message);
        expect(ms, path).toBeLessThan(1000);
        expect(stallMs, path).toBeLessThan(1000);
      }
    }
  });

  it("a topology snapshot picked in main's dialog: a FIFO, /dev/zero, a directory or 2 GB fail at once", async () => {
    const picks: string[] = [];
    const { services, dataDir } = createTestServices({ dialogs: { openFile: async () => picks.shift() ?? null } });
    const dispatch = createDispatcher(topologyRoutes as unknown as RouteTable<Services>, services, {
      isTrustedSender: (u) => sameOrigin(u, APP),
    });
    const files = hostileFiles(dataDir, 'snapshot.json');
    const messages: Record<Hostile, RegExp> = {
      ...CONFIG_MESSAGE,
      sparse: /is 2048 MB, larger than any topology snapshot/,
    };
    for (const hostile of HOSTILE) {
      picks.push(files[hostile]);
      const { value, stallMs, ms } = await ticking(() =>
        dispatch('topology:openSnapshot', undefined, { senderUrl: APP }),
      );
      expect(value, hostile).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
      expect(errorOf(value), hostile).toMatch(messages[hostile]);
      expect(ms, hostile).toBeLessThan(1000);
      expect(stallMs, hostile).toBeLessThan(1000);
    }
  });

  it('a CA file that is a FIFO or too big is refused before a connection is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-hostile-pem-'));
    const { fifo, sparse } = hostileFiles(dir);
    const big = join(dir, 'big.pem');
    writeFileSync(big, 'x'.repeat(300 * 1024));
    for (const cacert of [fifo, sparse, big, '/dev/zero']) {
      const { value, ms } = await ticking(() =>
        httpRequest({ url: 'https://127.0.0.1:9/', tls: { verify: true, cacert } }).catch((e: unknown) => e),
      );
      expect(value, cacert).toMatchObject({ code: 'CONFIG_INVALID' });
      expect(ms, cacert).toBeLessThan(1000);
    }
  });
});
