import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListenerStatus, ProxyLogEntry } from '@shared/models/proxy';
import { AppError } from '../errors';
import { createListenerStore } from './listener-store';
import { ProxyService } from './proxy-service';
import { createFakeBackend } from './testing/fake-backend';
import { send as rawSend } from './testing/http-client';
import { TOKEN_HEADER } from './listener-token';

const router = 'aaaaaaaa-0000-4000-8000-000000000001';
const vm = '11111111-1111-1111-1111-111111111111';
const ports = [{ ip: '10.0.0.10', routerId: router, networkId: router, instanceId: vm, projectId: 'alpha' }];

let dir: string;
/** Requests carry the listener's token (its own, read back from the service). */
let currentToken = '';
const send = (target: Parameters<typeof rawSend>[0], options: Parameters<typeof rawSend>[1] = {}) =>
  rawSend(target, { ...options, headers: { [TOKEN_HEADER]: currentToken, ...options.headers } });

const services: ProxyService[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stacklens-proxy-service-'));
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stopAll()));
  await rm(dir, { recursive: true, force: true });
});

function service(options: { connected?: boolean; confirmExposure?: () => Promise<boolean> } = {}) {
  const statuses: ListenerStatus[] = [];
  const batches: ProxyLogEntry[][] = [];
  const lines: ProxyLogEntry[] = [];
  const logLines: string[] = [];
  const svc = new ProxyService({
    store: createListenerStore(dir),
    backendFactory: async (cloudId) => {
      if (options.connected === false)
        throw new AppError('NOT_CONNECTED', `Cloud "${cloudId}" is not connected.`, 'Connect to the cloud first.');
      return createFakeBackend({ ports });
    },
    sink: { status: (s) => statuses.push(s), requests: (e) => batches.push(e) },
    onRequest: (e) => lines.push(e),
    logCapacity: 50,
    confirmExposure: options.confirmExposure,
    log: (line) => logLines.push(line),
  });
  services.push(svc);
  return { svc, statuses, batches, lines, logLines };
}

describe('ProxyService', () => {
  it('saves listeners across restarts and restores them stopped', async () => {
    const first = service();
    const saved = await first.svc.save({ name: 'agent', cloudId: 'lab', mode: 'agent', port: null });
    await first.svc.start(saved.config.id);
    expect((await first.svc.list())[0].status.state).toBe('running');
    const file = JSON.parse(await readFile(join(dir, 'proxy-listeners.json'), 'utf8'));
    expect(file.listeners[0]).toMatchObject({ id: saved.config.id, name: 'agent', host: '127.0.0.1' });

    const second = service();
    const [restored] = await second.svc.list();
    expect(restored.config).toEqual(saved.config);
    expect(restored.status.state).toBe('stopped');
  });

  it('logs requests with traces in main, strips traces from events, batches them', async () => {
    const { svc, batches, lines } = service();
    const { config } = await svc.save({ name: 'agent', cloudId: 'lab', mode: 'agent', port: null });
    currentToken = config.token as string;
    const status = await svc.start(config.id);
    for (let i = 0; i < 3; i += 1) {
      await send({ port: status.port }, { headers: { 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': router } });
    }
    await new Promise((r) => setTimeout(r, 250));
    const log = svc.log({ listenerId: config.id });
    expect(log).toHaveLength(3);
    expect(log.every((e) => e.trace === undefined && e.hasTrace)).toBe(true);
    expect(svc.trace(log[0].seq).trace?.outcome).toMatchObject({ kind: 'resolved', instanceId: vm });
    expect(lines).toHaveLength(3);
    expect(lines[0].trace).toBeDefined();
    expect(batches.flat().map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    expect(batches.length).toBeLessThan(3);
    expect(svc.log({ afterSeq: log[1].seq }).map((e) => e.seq)).toEqual([log[2].seq]);
    svc.clearLog(config.id);
    expect(svc.log()).toEqual([]);
    expect(() => svc.trace(log[0].seq)).toThrow(/no longer kept/);
  });

  it('keeps the log bounded', async () => {
    const { svc } = service();
    const { config } = await svc.save({ name: 'agent', cloudId: 'lab', mode: 'agent', port: null });
    currentToken = config.token as string;
    const { port } = await svc.start(config.id);
    await Promise.all(
      Array.from({ length: 80 }, () =>
        send({ port }, { headers: { 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': router } }),
      ),
    );
    expect(svc.log()).toHaveLength(50);
  });

  it('warns about a non-loopback listener before it ever starts', async () => {
    const { svc } = service();
    const exposed = await svc.save({
      name: 'exposed',
      cloudId: 'lab',
      mode: 'agent',
      port: null,
      host: '0.0.0.0',
      allowNonLoopback: true,
    });
    expect(exposed.status.state).toBe('stopped');
    expect(exposed.status.warnings[0]).toMatch(/Binds 0\.0\.0\.0: anyone who can reach/);
    const local = await svc.save({ name: 'local', cloudId: 'lab', mode: 'agent', port: null });
    expect(local.status.warnings).toEqual([]);
  });

  it('starts a non-loopback listener only when main confirmed it in a dialog, whatever the form said', async () => {
    const asked: string[] = [];
    const { svc } = service({ confirmExposure: async () => (asked.push('asked'), false) });
    const exposed = await svc.save({
      name: 'exposed',
      cloudId: 'lab',
      mode: 'agent',
      port: null,
      host: '0.0.0.0',
      allowNonLoopback: true,
    });
    await expect(svc.start(exposed.config.id)).rejects.toMatchObject({ code: 'UNSAFE_REFUSED' });
    expect(asked).toHaveLength(1);
    expect((await svc.list())[0].status.state).not.toBe('running');
    // Without a dialog (a shell that cannot ask), it never starts.
    const { svc: headless } = service();
    const again = await headless.save({
      name: 'exposed2',
      cloudId: 'lab',
      mode: 'agent',
      port: null,
      host: '0.0.0.0',
      allowNonLoopback: true,
    });
    await expect(headless.start(again.config.id)).rejects.toMatchObject({ code: 'UNSAFE_REFUSED' });
  });

  it('a confirmed non-loopback listener runs; its card and the log say it is exposed', async () => {
    const { svc, logLines } = service({ confirmExposure: async () => true });
    const { config } = await svc.save({
      name: 'lan',
      cloudId: 'lab',
      mode: 'agent',
      port: null,
      host: '0.0.0.0',
      allowNonLoopback: true,
    });
    const status = await svc.start(config.id);
    expect(status.state).toBe('running');
    expect(status.warnings[0]).toMatch(/Binds 0\.0\.0\.0: anyone who can reach/);
    expect(logLines.filter((l) => l.includes('lan listening'))).toEqual([
      expect.stringMatching(/^proxy lan listening on http:\/\/0\.0\.0\.0:\d+ \(EXPOSED: anyone who can reach/),
    ]);
    const local = await svc.save({ name: 'local', cloudId: 'lab', mode: 'agent', port: null });
    await svc.start(local.config.id);
    expect(logLines.find((l) => l.includes('local listening'))).not.toMatch(/EXPOSED/);
  });

  it('keeps a listener token across edits and restarts; the form cannot set it', async () => {
    const { svc } = service();
    const saved = await svc.save({ name: 'inst', cloudId: 'lab', mode: 'agent', port: null });
    const token = saved.config.token as string;
    expect(token).toMatch(/^slt-/);
    const edited = await svc.save({ ...saved.config, useCache: true, token: `slt-${'x'.repeat(32)}` } as never);
    expect(edited.config.token).toBe(token);
    const [restored] = await service().svc.list();
    expect(restored.config.token).toBe(token);
    const other = await svc.save({ name: 'other', cloudId: 'lab', mode: 'agent', port: null });
    expect(other.config.token).not.toBe(token);
  });

  it('reports a start that cannot get a backend as failed, with the fix', async () => {
    const { svc, statuses } = service({ connected: false });
    const { config } = await svc.save({ name: 'agent', cloudId: 'lab', mode: 'agent', port: null });
    await expect(svc.start(config.id)).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    const [view] = await svc.list();
    expect(view.status).toMatchObject({
      state: 'failed',
      error: { code: 'NOT_CONNECTED', hint: 'Connect to the cloud first.' },
    });
    expect(statuses.at(-1)?.state).toBe('failed');
    await svc.stop(config.id);
    expect((await svc.list())[0].status.state).toBe('stopped');
  });

  it('restarts a running listener on edit, refuses duplicate names, removes with its log', async () => {
    const { svc } = service();
    const a = await svc.save({ name: 'a', cloudId: 'lab', mode: 'agent', port: null });
    await svc.save({ name: 'b', cloudId: 'lab', mode: 'agent', port: null });
    await svc.start(a.config.id);
    await expect(svc.save({ ...a.config, name: 'b' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const edited = await svc.save({ ...a.config, rateLimit: { enabled: true } });
    expect(edited.status.state).toBe('running');
    expect(edited.config.rateLimit.enabled).toBe(true);
    expect(edited.status.port).not.toBeUndefined();
    await svc.remove(a.config.id);
    expect((await svc.list()).map((v) => v.config.name)).toEqual(['b']);
    await expect(svc.start(a.config.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
