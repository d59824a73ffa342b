/**
 * Files main must not choke on: a FIFO, /dev/zero, a directory, a 2 GB sparse file, given to the
 * clouds:importFile route, picked as a CA bundle / client cert / key, or met as a cloud's CA file. Each gets a clear error at once, and main's
 * event loop keeps ticking throughout (a FIFO used to freeze main until a writer came).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import { cloudsRoutes } from '../ipc/routes/clouds';
import type { Services } from '../services';
import { closeHttpAgents, httpRequest } from '../openstack/http';
import { createTestServices } from '../testing/test-services';

const APP = 'http://localhost:5173/';
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await closeHttpAgents();
});

function setup() {
  /** Answers of main's native open dialog, in order: the renderer never sends a path. */
  const picks: string[] = [];
  const { services, dataDir } = createTestServices({ dialogs: { openFile: async () => picks.shift() ?? null } });
  const dispatch = createDispatcher(cloudsRoutes as unknown as RouteTable<Services>, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
  });
  return { dataDir, picks, call: (channel: string, req?: unknown) => dispatch(channel, req, { senderUrl: APP }) };
}

function hostileFiles(dir: string) {
  const fifo = join(dir, 'clouds.yaml');
  execFileSync('mkfifo', [fifo]);
  // Today's readFileSync would wait for a writer: one comes after 1.5 s (and blocks forever after).
  children.push(spawn('sh', ['-c', `sleep 1.5; echo 'clouds: {}' > '${fifo}'`], { stdio: 'ignore' }));
  const directory = join(dir, 'dir.yaml');
  mkdirSync(directory);
  const sparse = join(dir, 'huge.yaml');
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
  closeSync(fd);
  return { fifo, directory, sparse, zero: '/dev/zero' };
}

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

describe('hostile files', () => {
  it('imports of a FIFO, /dev/zero, a directory and a 2 GB file fail at once with a clear error', async () => {
    const { call, dataDir, picks } = setup();
    const files = hostileFiles(dataDir);
    const cases: Array<[string, RegExp]> = [
      [files.fifo, /is a FIFO \(named pipe\), not a regular file/],
      [files.zero, /is a device, not a regular file/],
      [files.directory, /is a directory, not a regular file/],
      [files.sparse, /is 2048 MiB, more than the 1 MiB allowed/],
    ];
    for (const [path, message] of cases) {
      picks.push(path);
      const { value, stallMs, ms } = await ticking(() => call('clouds:importFile', { kind: 'clouds' }));
      expect(value.ok, path).toBe(false);
      expect((value as Extract<Result<unknown>, { ok: false }>).error.message, path).toMatch(message);
      expect(ms, path).toBeLessThan(1000);
      expect(stallMs, path).toBeLessThan(1000);
    }
    picks.push(files.fifo);
    const openrc = await call('clouds:importFile', { kind: 'openrc' });
    expect(openrc).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
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
