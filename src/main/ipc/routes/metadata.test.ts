import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import { createDispatcher, sameOrigin } from '../handle';
import { createTestServices } from '../../testing/test-services';
import { cloudsRoutes } from './clouds';
import { metadataRoutes } from './metadata';

const APP = 'http://localhost:5173/';
const pem = (label: string) => `-----BEGIN ${label}-----\nMIIB\n-----END ${label}-----\n`;

/** The metadata and clouds routes (the TLS picker is clouds:chooseTlsFile) over one set of services. */
function setup(openAnswer: string | null = null) {
  const { services, logs } = createTestServices({ dialogs: { openFile: async () => openAnswer } });
  const dispatch = createDispatcher({ ...cloudsRoutes, ...metadataRoutes }, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
    log: (l) => logs.push(l),
  });
  const call = (channel: string, req?: unknown) => dispatch(channel, req, { senderUrl: `${APP}index.html` });
  return { call, services };
}

function failed(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  return (r as Extract<Result<unknown>, { ok: false }>).error;
}

function caFile(): string {
  const ca = join(mkdtempSync(join(tmpdir(), 'sl-mdtls-')), 'nova-ca.pem');
  writeFileSync(ca, pem('CERTIFICATE'));
  return ca;
}

const config = { cloudId: 'c1', novaMetadataUrl: 'https://nova:8775', secret: 'shh' };

describe('metadata:saveConfig TLS files', () => {
  it('refuses a path sent by the renderer', async () => {
    const { call, services } = setup();
    for (const kind of ['cacert', 'cert', 'key']) {
      const r = await call('metadata:saveConfig', { ...config, tls: { verify: true, [kind]: '/etc/passwd' } });
      expect(failed(r).code).toBe('INVALID_ARGUMENT');
    }
    expect(services.metadataConfig.view('c1').novaMetadataUrl).toBeNull();
  });

  it('refuses a pick main never made, or one made for another kind of file', async () => {
    const { call, services } = setup(caFile());
    const invented = failed(await call('metadata:saveConfig', { ...config, tls: { cacert: { pick: 'f00d' } } }));
    expect(invented).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/CA bundle/) });
    const chosen = (await call('clouds:chooseTlsFile', { kind: 'cacert' })) as { data: { pick: string } };
    const wrongKind = await call('metadata:saveConfig', { ...config, tls: { cert: { pick: chosen.data.pick } } });
    expect(failed(wrongKind).code).toBe('INVALID_ARGUMENT');
    expect(services.metadataConfig.view('c1').novaMetadataUrl).toBeNull();
  });

  it("uses the PEM chosen in main's dialog for nova, keeps it when absent, removes it on null", async () => {
    const ca = caFile();
    const { call, services } = setup(ca);
    const chosen = (await call('clouds:chooseTlsFile', { kind: 'cacert' })) as { data: { pick: string } };
    const saved = await call('metadata:saveConfig', {
      ...config,
      tls: { verify: true, cacert: { pick: chosen.data.pick } },
    });
    expect(saved).toMatchObject({ ok: true, data: { tls: { verify: true, cacert: ca }, hasSecret: true } });
    expect(services.metadataConfig.target('c1').tls).toEqual({ verify: true, cacert: ca });
    const kept = await call('metadata:saveConfig', { ...config, secret: '', tls: { verify: true } });
    expect(kept).toMatchObject({ ok: true, data: { tls: { cacert: ca }, hasSecret: true } });
    await call('metadata:saveConfig', { ...config, tls: { verify: true, cacert: null } });
    expect(services.metadataConfig.target('c1').tls).toEqual({ verify: true });
  });
});
