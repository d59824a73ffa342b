/**
 * Malformed and hostile requests for the proxy's fuzz test, from a seeded PRNG so a failure can
 * be replayed. Each case says what a correct proxy must do with it.
 */
import { idSource } from '@shared/topology/testing/ids';

/** A seeded random source in [0, 1) (the topology fixtures' PRNG), so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  const ids = idSource(seed);
  return () => ids.int(1 << 30) / (1 << 30);
}

export interface FuzzCase {
  kind: string;
  chunks: Array<string | Buffer>;
  gapMs?: number;
  /**
   * error: an answer >= 400, or the connection closed; pipelined: a 200 for the good request
   * first, then an error or a close; flood: many good requests on one connection, a few answered,
   * then 503 and a close.
   */
  expect: 'error' | 'pipelined' | 'flood';
  /** Half-close after writing (a client that sends a partial request and leaves). */
  end?: boolean;
}

export interface FuzzContext {
  routerId: string;
  goodIp: string;
  maxHeaderBytes: number;
  maxBodyBytes: number;
  /** The listener's token: cases carry it unless they are about it. */
  token: string;
}

const badMethods = ['FOO', 'G ET', 'GET\x00', 'X'.repeat(300), '', '\u00e9T', 'get', '123', 'GET\tX', 'CONNECT'];
const badForwardedFor = [
  '',
  'not-an-ip',
  '10.0.0.10, 10.0.0.11',
  '10.0.0',
  '256.0.0.1',
  '1',
  '0x0a.0.0.1',
  'fe80::1%eth0',
  '::ffff:999.0.0.1',
  '10.0.0.10;rm -rf /',
  "' OR 1=1 --",
  '%0d%0aX-Evil: 1',
  '\u202e10.0.0.10',
  '::1::1',
  'a'.repeat(2000),
];
const badUuids = [
  '',
  'x',
  '../../../etc/passwd',
  'aaaaaaaa-0000-4000-8000-00000000000g',
  'aaaaaaaa00004000800000000000001',
  '{}',
  'null',
  'aaaaaaaa-0000-4000-8000-000000000001,aaaaaaaa-0000-4000-8000-000000000002',
  '%00',
  'a'.repeat(500),
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function randomBytes(rand: () => number, n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i += 1) out[i] = Math.floor(rand() * 256);
  return out;
}

/** Builds one hostile case of a random kind. */
export function fuzzCase(rand: () => number, ctx: FuzzContext): FuzzCase {
  const good = `X-Forwarded-For: ${ctx.goodIp}\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\n`;
  const host = `Host: 127.0.0.1\r\nX-StackLens-Token: ${ctx.token}\r\n`;
  const goodRequest = `GET /openstack HTTP/1.1\r\n${host}${good}\r\n`;
  const roll = Math.floor(rand() * 21);
  switch (roll) {
    case 0:
      return {
        kind: 'bad-method',
        expect: 'error',
        chunks: [`${pick(rand, badMethods)} /openstack HTTP/1.1\r\n${host}${good}\r\n`],
      };
    case 1: {
      const lines = [
        'GET /openstack\r\n\r\n',
        'GET /openstack HTTP/9.9\r\n\r\n',
        'GET  HTTP/1.1\r\n\r\n',
        `GET /openstack HTTP/1.1\n\r${host}\r\n`,
        '\r\n\r\n\r\nGET',
        'HTTP/1.1 200 OK\r\n\r\n',
        'GET http://[::1 HTTP/1.1\r\n\r\n',
      ];
      return { kind: 'bad-request-line', expect: 'error', chunks: [pick(rand, lines)], end: true };
    }
    case 2: {
      const headers = [
        'NoColon\r\n',
        ' Leading: space\r\n',
        'Bad Name: x\r\n',
        'X-A: b\r\n continued\r\n',
        'X-Null: a\x00b\r\n',
        'X-\x7f: del\r\n',
        ': empty-name\r\n',
        'X-CR: a\rb\r\n',
      ];
      return {
        kind: 'broken-header',
        expect: 'error',
        chunks: [`GET /openstack HTTP/1.1\r\n${host}${pick(rand, headers)}\r\n`],
      };
    }
    case 3: {
      const n = ctx.maxHeaderBytes + Math.floor(rand() * ctx.maxHeaderBytes * 3);
      return {
        kind: 'huge-header',
        expect: 'error',
        chunks: [`GET /openstack HTTP/1.1\r\n${host}${good}X-Big: ${'a'.repeat(n)}\r\n\r\n`],
      };
    }
    case 4: {
      const many = Array.from(
        { length: 300 + Math.floor(rand() * 500) },
        (_, i) => `X-H${i}: ${'v'.repeat(20)}\r\n`,
      ).join('');
      return {
        kind: 'many-headers',
        expect: 'error',
        chunks: [`GET /openstack HTTP/1.1\r\n${host}${good}${many}\r\n`],
      };
    }
    case 5: {
      const size = ctx.maxBodyBytes + 1 + Math.floor(rand() * ctx.maxBodyBytes);
      return {
        kind: 'huge-body',
        expect: 'error',
        chunks: [
          `POST /openstack/latest/password HTTP/1.1\r\n${host}${good}Content-Length: ${size}\r\n\r\n`,
          Buffer.alloc(Math.min(size, 256 * 1024), 0x61),
        ],
      };
    }
    case 6: {
      const size = ctx.maxBodyBytes + 1 + Math.floor(rand() * 4096);
      return {
        kind: 'huge-chunked-body',
        expect: 'error',
        chunks: [
          `POST /openstack/latest/password HTTP/1.1\r\n${host}${good}Transfer-Encoding: chunked\r\n\r\n${size.toString(16)}\r\n`,
          Buffer.alloc(size, 0x62),
          '\r\n0\r\n\r\n',
        ],
      };
    }
    case 7: {
      const variants = [
        `Content-Length: 5\r\nContent-Length: 6\r\n`,
        `Content-Length: -1\r\n`,
        `Content-Length: 1e3\r\n`,
        `Content-Length: 5\r\nTransfer-Encoding: chunked\r\n`,
        `Transfer-Encoding: gzip, chunked, x\r\n`,
        `Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n`,
      ];
      return {
        kind: 'framing',
        expect: 'error',
        chunks: [`POST /openstack HTTP/1.1\r\n${host}${good}${pick(rand, variants)}\r\nzzzzz\r\n`],
      };
    }
    case 8: {
      const bad = [
        'zz\r\n',
        '-1\r\n',
        'ffffffffffffffffff\r\n',
        '5\r\nabc\r\n',
        '3;' + 'e'.repeat(20_000) + '\r\nabc\r\n0\r\n\r\n',
      ];
      return {
        kind: 'bad-chunks',
        expect: 'error',
        chunks: [`POST /openstack HTTP/1.1\r\n${host}${good}Transfer-Encoding: chunked\r\n\r\n${pick(rand, bad)}`],
        end: true,
      };
    }
    case 9:
      return {
        kind: 'bad-forwarded-for',
        expect: 'error',
        chunks: [
          `GET /openstack HTTP/1.1\r\n${host}X-Forwarded-For: ${pick(rand, badForwardedFor)}\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\n\r\n`,
        ],
      };
    case 10: {
      const header = rand() < 0.5 ? 'X-Neutron-Router-ID' : 'X-Neutron-Network-ID';
      return {
        kind: 'bad-uuid',
        expect: 'error',
        chunks: [
          `GET /openstack HTTP/1.1\r\n${host}X-Forwarded-For: ${ctx.goodIp}\r\n${header}: ${pick(rand, badUuids)}\r\n\r\n`,
        ],
      };
    }
    case 11: {
      const variants = [
        `X-Forwarded-For: ${ctx.goodIp}\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\nX-Neutron-Network-ID: ${ctx.routerId}\r\n`,
        `X-Forwarded-For: ${ctx.goodIp}\r\n`,
        `X-Neutron-Router-ID: ${ctx.routerId}\r\n`,
        `X-Forwarded-For: ${ctx.goodIp}\r\nX-Forwarded-For: 10.9.9.9\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\n`,
        `X-Forwarded-For: ${ctx.goodIp}\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\n`,
      ];
      return {
        kind: 'scope-headers',
        expect: 'error',
        chunks: [`GET /openstack HTTP/1.1\r\n${host}${pick(rand, variants)}\r\n`],
      };
    }
    case 12:
      return {
        kind: 'binary-garbage',
        expect: 'error',
        chunks: [randomBytes(rand, 1 + Math.floor(rand() * 4096))],
        end: rand() < 0.5,
      };
    case 13:
      return {
        kind: 'pipelined-garbage',
        expect: 'pipelined',
        chunks: [
          goodRequest + pick(rand, ['GARBAGE\r\n\r\n', '\x00\x01\x02\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header\r\n\r\n']),
        ],
      };
    case 14: {
      const cut = `POST /openstack HTTP/1.1\r\n${host}${good}Content-Length: 100\r\n\r\nonly-part`;
      return {
        kind: 'early-close',
        expect: 'error',
        chunks: [cut.slice(0, Math.floor(rand() * cut.length))],
        end: true,
      };
    }
    case 15:
      return {
        kind: 'no-token',
        expect: 'error',
        chunks: [`GET /openstack HTTP/1.1\r\nHost: 127.0.0.1\r\n${good}\r\n`],
      };
    case 16: {
      const name = pick(rand, [
        'attacker.example',
        'evil.test:80',
        '127.0.0.1.nip.io',
        'localhost.attacker.example',
        'x',
      ]);
      return {
        kind: 'rebinding-host',
        expect: 'error',
        chunks: [`GET /openstack HTTP/1.1\r\nHost: ${name}\r\nX-StackLens-Token: ${ctx.token}\r\n${good}\r\n`],
      };
    }
    case 17: {
      const target = pick(rand, [
        'http://127.0.0.1/openstack',
        'http://169.254.169.254/latest/meta-data/',
        'https://x/',
      ]);
      return { kind: 'absolute-form', expect: 'error', chunks: [`GET ${target} HTTP/1.1\r\n${host}${good}\r\n`] };
    }
    case 18:
      return { kind: 'options-star', expect: 'error', chunks: [`OPTIONS * HTTP/1.1\r\n${host}${good}\r\n`] };
    case 19:
      return { kind: 'pipeline-flood', expect: 'flood', chunks: [goodRequest.repeat(20 + Math.floor(rand() * 40))] };
    default: {
      const path = pick(rand, [
        '/' + '../'.repeat(50),
        '/%00',
        '/openstack?' + 'q'.repeat(7000),
        '/\u00ff\u00fe',
        '*',
        'http://evil.example/openstack',
      ]);
      return {
        kind: 'odd-target',
        expect: 'error',
        chunks: [
          `GET ${path} HTTP/1.1\r\n${host}X-Forwarded-For: 10.77.77.77\r\nX-Neutron-Router-ID: ${ctx.routerId}\r\n\r\n`,
        ],
      };
    }
  }
}

/** A slow client: sends a valid-looking request one header line at a time, slower than the timeouts allow. */
export function slowCase(ctx: FuzzContext): FuzzCase {
  const lines = [
    'GET /openstack HTTP/1.1\r\n',
    `Host: 127.0.0.1\r\nX-StackLens-Token: ${ctx.token}\r\n`,
    `X-Forwarded-For: ${ctx.goodIp}\r\n`,
    'X-Slow: 1\r\n',
    'X-Slow: 2\r\n',
    'X-Slow: 3\r\n',
    'X-Slow: 4\r\n',
    'X-Slow: 5\r\n',
    '\r\n',
  ];
  return { kind: 'slow-headers', expect: 'error', chunks: lines, gapMs: 200 };
}
