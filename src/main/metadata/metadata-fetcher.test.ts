import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { asText, ec2Children, fetchMetadataTrees, toDocument, type NovaGet } from './metadata-fetcher';
import { explainNovaStatus } from './explain-nova';
import type { NovaAnswer } from './nova-metadata-client';

const ctx = { url: 'http://nova:8775', instanceId: 'inst-1', projectId: 'proj-1' };
const answer = (status: number, body: string | Buffer, type = 'text/plain'): NovaAnswer => ({
  status,
  headers: { 'content-type': type },
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});

/** A tiny nova tree in the shape nova-api-metadata serves (EC2 listings, public-keys 0=name). */
function fakeNova(over: Record<string, NovaAnswer> = {}): { get: NovaGet; asked: string[] } {
  const tree: Record<string, NovaAnswer> = {
    '/openstack': answer(200, '2012-08-10\n2018-08-27\nlatest'),
    '/openstack/latest/meta_data.json': answer(200, '{"uuid":"inst-1","name":"vm"}', 'application/json'),
    '/openstack/latest/network_data.json': answer(200, '{}', 'application/json'),
    '/openstack/latest/vendor_data.json': answer(200, '{}', 'application/json'),
    '/openstack/latest/vendor_data2.json': answer(200, '{"static": {}}', 'application/json'),
    '/openstack/latest/password': answer(200, ''),
    '/latest/meta-data/': answer(200, 'instance-id\nplacement/\npublic-keys/'),
    '/latest/meta-data/instance-id': answer(200, 'i-00000001'),
    '/latest/meta-data/placement/': answer(200, 'availability-zone'),
    '/latest/meta-data/placement/availability-zone': answer(200, 'nova'),
    '/latest/meta-data/public-keys/': answer(200, '0=alpha-key'),
    '/latest/meta-data/public-keys/0/': answer(200, 'openssh-key'),
    '/latest/meta-data/public-keys/0/openssh-key': answer(200, 'ssh-ed25519 AAAA alpha'),
    ...over,
  };
  const asked: string[] = [];
  return {
    asked,
    get: async (p) => {
      asked.push(p);
      return tree[p] ?? answer(404, '404 Not Found');
    },
  };
}

describe('fetchMetadataTrees', () => {
  it('fetches every OpenStack document and crawls the EC2 tree', async () => {
    const nova = fakeNova();
    const result = await fetchMetadataTrees(nova.get, ctx);
    expect(result.versions).toEqual(['2012-08-10', '2018-08-27', 'latest']);
    const byPath = Object.fromEntries(result.documents.map((d) => [d.path, d]));
    expect(byPath['/openstack/latest/meta_data.json'].prettyJson).toBe('{\n  "uuid": "inst-1",\n  "name": "vm"\n}');
    expect(byPath['/openstack/latest/user_data'].status).toBe(404);
    expect(byPath['/openstack/latest/user_data'].note).toMatch(/No user_data/);
    expect(byPath['/latest/meta-data/public-keys/0/openssh-key'].text).toBe('ssh-ed25519 AAAA alpha');
    expect(byPath['/latest/meta-data/placement/availability-zone'].text).toBe('nova');
    expect(byPath['/latest/user-data'].status).toBe(404);
    expect(result.requests).toBe(nova.asked.length);
    expect(new Set(nova.asked).size).toBe(nova.asked.length);
  });

  it('asks nova several requests at once, never more than its bound, in breadth-first document order', async () => {
    const nova = fakeNova();
    let active = 0;
    let peak = 0;
    const slow: NovaGet = async (p) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, p.endsWith('/') ? 5 : 20));
      active -= 1;
      return nova.get(p);
    };
    const result = await fetchMetadataTrees(slow, ctx);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
    expect(result.documents.filter((d) => d.tree === 'ec2').map((d) => d.path)).toEqual([
      '/latest/meta-data/',
      '/latest/meta-data/instance-id',
      '/latest/meta-data/placement/',
      '/latest/meta-data/public-keys/',
      '/latest/meta-data/placement/availability-zone',
      '/latest/meta-data/public-keys/0/',
      '/latest/meta-data/public-keys/0/openssh-key',
      '/latest/user-data',
    ]);
  });

  it('fails as a whole with the explanation when nova refuses the versions list', async () => {
    const nova = fakeNova({ '/openstack': answer(403, '403 Forbidden\n\nInvalid proxy request signature.') });
    const err = await fetchMetadataTrees(nova.get, ctx).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/shared secret/);
    expect(err.hint).toMatch(/metadata_proxy_shared_secret/);
    // The other documents were asked alongside (nova refuses them alike); none is returned.
    expect(nova.asked[0]).toBe('/openstack');
  });

  it('with nova busy, asks the versions list and directory listings before the leaves waiting', async () => {
    const nova = fakeNova();
    const slow: NovaGet = async (p) => {
      await new Promise((r) => setTimeout(r, 5));
      return nova.get(p);
    };
    await fetchMetadataTrees(slow, ctx, { concurrency: 1 });
    const at = (p: string) => nova.asked.indexOf(p);
    expect(nova.asked[0]).toBe('/openstack');
    // The EC2 root listing right after it, ahead of the six OpenStack documents asked before it.
    expect(at('/latest/meta-data/')).toBe(1);
    expect(at('/latest/meta-data/placement/')).toBeLessThan(at('/openstack/latest/password'));
    expect(at('/latest/meta-data/public-keys/0/')).toBeLessThan(at('/latest/meta-data/instance-id'));
    expect(new Set(nova.asked).size).toBe(nova.asked.length);
  });

  it('can skip the EC2 tree', async () => {
    const nova = fakeNova();
    const result = await fetchMetadataTrees(nova.get, ctx, { ec2: false });
    expect(result.documents.every((d) => d.tree === 'openstack')).toBe(true);
  });
});

describe('documents', () => {
  it('keeps binary bytes exact and offers no text for them', () => {
    const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x41]);
    const doc = toDocument('openstack', '/openstack/latest/user_data', answer(200, bytes, 'text/plain'));
    expect(Buffer.from(doc.base64, 'base64').equals(bytes)).toBe(true);
    expect(doc.text).toBeUndefined();
    expect(doc.size).toBe(7);
  });

  it('offers text for UTF-8 (tabs and newlines allowed), not for control bytes or bad UTF-8', () => {
    expect(asText(Buffer.from('#!/bin/sh\n\techo héllo\r\n'))).toBe('#!/bin/sh\n\techo héllo\r\n');
    expect(asText(Buffer.from([0x41, 0x00]))).toBeUndefined();
    expect(asText(Buffer.from([0xc3, 0x28]))).toBeUndefined();
  });

  it('HTML in user_data stays plain text (never rendered)', () => {
    const doc = toDocument('openstack', '/openstack/latest/user_data', answer(200, '<script>alert(1)</script>'));
    expect(doc.text).toBe('<script>alert(1)</script>');
    expect(doc.prettyJson).toBeUndefined();
  });

  it('lists EC2 children, mapping public-keys entries to directories', () => {
    expect(ec2Children('ami-id\nplacement/\n\n')).toEqual(['ami-id', 'placement/']);
    expect(ec2Children('0=alpha-key\n1=other')).toEqual(['0/', '1/']);
  });
});

describe('explainNovaStatus', () => {
  const c = { ...ctx, path: '/openstack' };
  it.each([
    [403, 'FORBIDDEN', /shared secret/],
    [404, 'NOT_FOUND', /project|another device|not an instance/],
    [400, 'SERVICE_ERROR', /proxy headers/],
    [409, 'CONFLICT', /password/],
    [500, 'SERVICE_ERROR', /500/],
  ])('%i -> %s', (status, code, message) => {
    const e = explainNovaStatus(status, Buffer.from('<html><body><h1>Err</h1>nova text</body></html>'), c);
    expect(e?.code).toBe(code);
    expect(e?.message).toMatch(message);
    expect(e?.message).toContain('nova text');
    expect(e?.details).toMatchObject({ status, instanceId: 'inst-1', projectId: 'proj-1' });
  });

  it('400 names service_metadata_proxy; 200 is no error', () => {
    expect(explainNovaStatus(400, Buffer.alloc(0), c)?.hint).toMatch(/service_metadata_proxy/);
    expect(explainNovaStatus(200, Buffer.alloc(0), c)).toBeNull();
  });
});
