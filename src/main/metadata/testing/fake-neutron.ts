/**
 * Test support: a loopback Neutron that answers GET /v2.0/ports with Neutron's filter semantics
 * (repeated keys = IN, fixed_ips=ip_address=X, mac_address, fields, pagination by limit/marker)
 * over an in-memory port list, and records every query. Used by unit tests of the resolver; the
 * conformance tests use the real neutron-server of the lab.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpServer, type TestServer } from '../../openstack/test-servers';
import { createServiceClient, type ServiceClient } from '../../openstack/service-client';
import type { NeutronPortRow } from '../neutron-ports';

export interface FakeNeutron {
  url: string;
  client: ServiceClient;
  /** Every query received (path + search), in order. */
  queries: URL[];
  ports: NeutronPortRow[];
  /** Status to answer instead of 200 (e.g. 403 for a non-admin list). */
  failWith?: number;
  /** Page size; 0 = no pagination. */
  pageSize: number;
  /** Delay before each answer (ms), so tests can make lookups overlap. */
  delayMs?: number;
  /** Most queries answered at the same time so far (reset it with the queries). */
  peakInFlight: number;
  close(): Promise<void>;
}

function matches(port: NeutronPortRow, q: URLSearchParams): boolean {
  for (const key of new Set(q.keys())) {
    if (key === 'fields' || key === 'limit' || key === 'marker') continue;
    const wanted = q.getAll(key);
    if (key === 'fixed_ips') {
      const ips = wanted.map((w) => w.replace(/^ip_address=/, ''));
      if (!port.fixed_ips?.some((f) => ips.includes(f.ip_address))) return false;
      continue;
    }
    const value = (port as unknown as Record<string, unknown>)[key];
    if (!wanted.includes(String(value ?? ''))) return false;
  }
  return true;
}

function pick(port: NeutronPortRow, fields: string[]): Record<string, unknown> {
  if (fields.length === 0)
    return { ...port, project_id: port.project_id ?? port.tenant_id, tenant_id: port.tenant_id ?? port.project_id };
  const full = {
    ...port,
    project_id: port.project_id ?? port.tenant_id,
    tenant_id: port.tenant_id ?? port.project_id,
  } as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]]));
}

/** Starts the fake on 127.0.0.1 with a client whose token source hands out a fixed token. */
export async function startFakeNeutron(ports: NeutronPortRow[]): Promise<FakeNeutron> {
  const fake = { queries: [] as URL[], ports, pageSize: 0, peakInFlight: 0 } as unknown as FakeNeutron;
  let inFlight = 0;
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    fake.queries.push(url);
    if (fake.delayMs) {
      inFlight += 1;
      fake.peakInFlight = Math.max(fake.peakInFlight, inFlight);
      await new Promise((r) => setTimeout(r, fake.delayMs));
      inFlight -= 1;
    }
    if (fake.failWith) {
      res.writeHead(fake.failWith, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ NeutronError: { message: 'Policy does not allow this request', type: 'HTTPForbidden' } }),
      );
      return;
    }
    if (url.pathname !== '/v2.0/ports' || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    let found = fake.ports.filter((p) => matches(p, url.searchParams));
    const marker = url.searchParams.get('marker');
    if (marker) found = found.slice(found.findIndex((p) => p.id === marker) + 1);
    const limit = Number(url.searchParams.get('limit') ?? fake.pageSize);
    const links: Array<{ rel: string; href: string }> = [];
    if (limit > 0 && found.length > limit) {
      found = found.slice(0, limit);
      const next = new URL(url);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('marker', found[found.length - 1].id);
      links.push({ rel: 'next', href: `${server.url}${next.pathname}${next.search}` });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ports: found.map((p) => pick(p, url.searchParams.getAll('fields'))),
        ...(links.length ? { ports_links: links } : {}),
      }),
    );
  };
  const server: TestServer = await startHttpServer(handler);
  fake.url = server.url;
  fake.close = () => server.close();
  fake.client = createServiceClient({
    tokens: { token: async () => 'fake-token', renew: async () => 'fake-token' },
    endpoints: { endpointUrl: () => `${server.url}/`, has: () => true },
  });
  return fake;
}
