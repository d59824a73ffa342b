import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import type { TopologySnapshot } from '@shared/models/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { createDispatcher, sameOrigin } from '../handle';
import { createTestServices } from '../../testing/test-services';
import { topologyRoutes } from './topology';

const APP = 'http://localhost:5173/';

function setup(save: string | null = null) {
  const { services, dataDir } = createTestServices({
    dialogs: { saveFile: async () => save },
    resourcesDir: resolve(__dirname, '../../../../resources'),
  });
  const dispatch = createDispatcher(topologyRoutes, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
  });
  return {
    call: (channel: string, req?: unknown) => dispatch(channel, req, { senderUrl: `${APP}index.html` }),
    dataDir,
  };
}

function failed(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  return (r as Extract<Result<unknown>, { ok: false }>).error;
}

describe('topology routes', () => {
  it.each([
    ['no cloud id', {}, /cloudId/],
    [
      'a project filter without all-projects',
      { cloudId: 'c1', projectId: 'p1' },
      /projectId filters the all-projects view/,
    ],
    ['an unknown field', { cloudId: 'c1', token: 'x' }, /Unrecognized key/],
    ['a non-boolean flag', { cloudId: 'c1', allProjects: 'yes' }, /allProjects/],
  ])('topology:get refuses %s', async (_what, request, message) => {
    const error = failed(await setup().call('topology:get', request));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(message);
  });

  it('topology:get for a cloud that is not connected says so', async () => {
    const error = failed(await setup().call('topology:get', { cloudId: 'nope' }));
    expect(error.code).toBe('NOT_CONNECTED');
    expect(error.hint).toMatch(/Connect/);
  });

  it('topology:openSample answers the bundled sample', async () => {
    const r = await setup().call('topology:openSample');
    expect(r.ok).toBe(true);
    const snapshot = (r as { data: TopologySnapshot }).data;
    expect(snapshot.source).toMatchObject({ sample: true, offline: true });
    expect(snapshot.routers).toHaveLength(3);
  });

  it('topology:saveSnapshot validates the snapshot before writing it', async () => {
    const { call, dataDir } = setup();
    const bad = failed(await call('topology:saveSnapshot', { snapshot: { ...sampleCloud(), ports: [{ id: 1 }] } }));
    expect(bad.code).toBe('INVALID_ARGUMENT');
    expect(bad.message).toMatch(/snapshot\.ports\.0/);
    const ok = await setup(join(dataDir, 'out.json')).call('topology:saveSnapshot', { snapshot: sampleCloud() });
    expect(ok).toEqual({ ok: true, data: { path: join(dataDir, 'out.json') } });
  });
});
