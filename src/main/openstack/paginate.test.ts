/**
 * Pagination edge cases against a local node:http fake (the real services are checked by the
 * topology integration tests): Nova's empty last page, links to another host, a repeated or
 * missing marker, a missing collection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listAll, listFromBothEnds, nextMarker } from './paginate';
import { createServiceClient } from './service-client';
import { startHttpServer, type TestServer } from './test-servers';

interface Fake {
  server: TestServer;
  requests: URL[];
}

let fake: Fake | undefined;
afterEach(async () => {
  await fake?.server.close();
  fake = undefined;
});

/** A fake collection of `total` items served `limit` at a time, marker = last id, next link per `linkStyle`. */
async function startFake(
  total: number,
  options: {
    collection?: string;
    linkHost?: string;
    lastPageFull?: boolean;
    brokenLink?: 'no-marker' | 'same-marker';
    /** The ids in the service's own order (its database collation), else id-0000, id-0001, ... */
    ids?: string[];
  } = {},
): Promise<Fake> {
  const collection = options.collection ?? 'ports';
  const ordered = (options.ids ?? Array.from({ length: total }, (_, i) => `id-${String(i).padStart(4, '0')}`)).map(
    (id) => ({ id }),
  );
  const requests: URL[] = [];
  const server = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const limit = Number(url.searchParams.get('limit')) || total;
    const marker = url.searchParams.get('marker');
    const items = url.searchParams.get('sort_dir') === 'desc' ? [...ordered].reverse() : ordered;
    const start = marker ? items.findIndex((i) => i.id === marker) + 1 : 0;
    const page = items.slice(start, start + limit);
    const body: Record<string, unknown> = { [collection]: page };
    // Like Nova and Neutron: a full page always gets a next link, so the last page may be empty.
    if (page.length === limit) {
      const next = new URL(url.pathname, options.linkHost ?? 'http://127.0.0.1');
      for (const [k, v] of url.searchParams) if (k !== 'marker') next.searchParams.append(k, v);
      if (options.brokenLink !== 'no-marker')
        next.searchParams.set('marker', options.brokenLink === 'same-marker' ? items[0].id : page[page.length - 1].id);
      body[`${collection}_links`] = [{ rel: 'next', href: next.toString() }];
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  return { server, requests };
}

function clientFor(server: TestServer) {
  return createServiceClient({
    tokens: { token: async () => 'fake-token', renew: async () => 'fake-token' },
    endpoints: { endpointUrl: () => `${server.url}/v2.0`, has: () => true },
  });
}

describe('listAll', () => {
  it.each([
    [7, 2, 4],
    [6, 2, 4], // 3 full pages, then Nova's empty one
    [1, 2, 1],
    [0, 2, 1],
    [5, 1000, 1],
  ])('gets all %i items with page size %i in %i pages', async (total, pageSize, pages) => {
    fake = await startFake(total);
    const seen: number[] = [];
    const result = await listAll<{ id: string }>(clientFor(fake.server), {
      service: 'network',
      path: 'ports',
      collection: 'ports',
      pageSize,
      onPage: ({ items }) => seen.push(items),
    });
    expect(result.items.map((i) => i.id)).toEqual(
      Array.from({ length: total }, (_, i) => `id-${String(i).padStart(4, '0')}`),
    );
    expect(result.pages).toBe(pages);
    expect(fake.requests).toHaveLength(pages);
    expect(seen).toHaveLength(pages);
  });

  it('keeps filters and repeated fields on every page', async () => {
    fake = await startFake(5);
    await listAll(clientFor(fake.server), {
      service: 'network',
      path: 'ports',
      collection: 'ports',
      pageSize: 2,
      query: { project_id: 'p1', fields: ['id', 'name'] },
    });
    for (const url of fake.requests) {
      expect(url.searchParams.get('project_id')).toBe('p1');
      expect(url.searchParams.getAll('fields')).toEqual(['id', 'name']);
      expect(url.searchParams.get('limit')).toBe('2');
    }
    expect(fake.requests.map((u) => u.searchParams.get('marker'))).toEqual([null, 'id-0001', 'id-0003']);
  });

  it('follows the marker even when the link names another host (a proxy in front of the API)', async () => {
    fake = await startFake(5, { linkHost: 'http://neutron-internal.example:9696' });
    const result = await listAll(clientFor(fake.server), {
      service: 'network',
      path: 'ports',
      collection: 'ports',
      pageSize: 2,
    });
    expect(result.items).toHaveLength(5);
    expect(fake.requests.every((u) => u.pathname === '/v2.0/ports')).toBe(true);
  });

  it('uses the collection name for the links (servers_links)', async () => {
    fake = await startFake(3, { collection: 'servers' });
    const result = await listAll(clientFor(fake.server), {
      service: 'network',
      path: 'servers/detail',
      collection: 'servers',
      pageSize: 1,
    });
    expect(result.items).toHaveLength(3);
    expect(result.pages).toBe(4);
  });

  it.each([
    ['no-marker' as const, /next link without a marker/],
    ['same-marker' as const, /repeated the page marker/],
  ])('refuses a broken next link (%s) instead of returning a short list', async (brokenLink, message) => {
    fake = await startFake(6, { brokenLink });
    await expect(
      listAll(clientFor(fake.server), { service: 'network', path: 'ports', collection: 'ports', pageSize: 2 }),
    ).rejects.toMatchObject({ code: 'SERVICE_ERROR', message: expect.stringMatching(message) });
  });

  it('says when the answer has no list', async () => {
    fake = await startFake(2, { collection: 'networks' });
    await expect(
      listAll(clientFor(fake.server), { service: 'network', path: 'ports', collection: 'ports' }),
    ).rejects.toMatchObject({ code: 'SERVICE_ERROR', message: expect.stringContaining('without a "ports" list') });
  });
});

describe('listFromBothEnds', () => {
  const list = (server: TestServer, pageSize: number, onPage?: (p: { items: number }) => void) =>
    listFromBothEnds<{ id: string }>(clientFor(server), {
      service: 'network',
      path: 'ports',
      collection: 'ports',
      query: { project_id: 'p1' },
      pageSize,
      onPage,
    });
  const sortedIds = (items: { id: string }[]) => items.map((i) => i.id).sort();

  it.each([
    [0, 2],
    [1, 2],
    [7, 2],
    [8, 2],
    [101, 10],
    [5, 1000],
  ])('gets each of %i items exactly once with page size %i, both ends asked at once', async (total, pageSize) => {
    fake = await startFake(total);
    const counts: number[] = [];
    const result = await list(fake.server, pageSize, ({ items }) => counts.push(items));
    const all = Array.from({ length: total }, (_, i) => `id-${String(i).padStart(4, '0')}`);
    expect(sortedIds(result.items)).toEqual(all);
    const dirs = fake.requests.map((u) => u.searchParams.get('sort_dir'));
    expect(dirs.filter((d) => d === 'asc').length).toBeGreaterThan(0);
    expect(dirs.filter((d) => d === 'desc').length).toBeGreaterThan(0);
    // At most one page per stream beyond what one stream alone would need.
    expect(fake.requests.length).toBeLessThanOrEqual(Math.floor(total / pageSize) + 1 + 2);
    expect(result.pages).toBe(fake.requests.length);
    expect(counts.at(-1)).toBe(total);
    for (const url of fake.requests) {
      expect(url.searchParams.get('project_id')).toBe('p1');
      expect(url.searchParams.get('sort_key')).toBe('id');
    }
  });

  it('meets by identity, so a collation unlike JavaScript\u2019s order loses nothing', async () => {
    // A case-insensitive database order: 'B' after 'a', which JS string comparison would invert.
    const ids = ['a1', 'B2', 'c3', 'D4', 'e5', 'F6', 'g7', 'H8', 'i9'];
    fake = await startFake(ids.length, { ids });
    const result = await list(fake.server, 2);
    expect(sortedIds(result.items)).toEqual([...ids].sort());
  });

  it('fails like listAll when a stream gets a broken next link', async () => {
    fake = await startFake(9, { brokenLink: 'no-marker' });
    await expect(list(fake.server, 2)).rejects.toMatchObject({ code: 'SERVICE_ERROR' });
  });
});

describe('nextMarker', () => {
  it.each([
    [undefined, undefined],
    [[], undefined],
    [[{ rel: 'previous', href: 'http://x/v2.0/ports?marker=a' }], undefined],
    [[{ rel: 'next', href: 'http://x/v2.0/ports?limit=2&marker=abc' }], 'abc'],
    [[{ rel: 'next', href: '/v2.1/servers/detail?marker=rel' }], 'rel'],
    [[{ rel: 'next', href: 'http://x/v2.0/ports?limit=2' }], null],
  ])('%j -> %s', (links, expected) => {
    expect(nextMarker(links)).toBe(expected);
  });
});
