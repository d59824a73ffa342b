/** Raw TCP exchanges for malformed-request tests: write bytes, collect what comes back until close. */
import { connect } from 'node:net';

export interface RawResult {
  /** Everything the server wrote. */
  data: string;
  /** The status of the first response line, 0 when none. */
  status: number;
  /** True when the server closed the connection (not our timeout). */
  closedByServer: boolean;
  elapsedMs: number;
}

/**
 * Counts complete responses in `data` (the proxy always sends Content-Length), so a test can stop
 * waiting once it has what it asked for instead of waiting for a keep-alive close.
 */
export function completeResponses(data: Buffer): number {
  let count = 0;
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end < 0) return count;
    const head = data.subarray(offset, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const bodyEnd = end + 4 + (length ? Number(length[1]) : 0);
    if (data.length < bodyEnd) return count;
    count += 1;
    offset = bodyEnd;
  }
}

/** Every status code in the response stream, in order. */
export function statusCodes(data: string): number[] {
  return [...data.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

/**
 * Connects, writes `chunks` (each after `gapMs`), and waits until the server closes or `waitMs`
 * passes. Never rejects: connection errors count as a close.
 */
export function rawExchange(
  target: { port?: number; path?: string },
  chunks: Array<string | Buffer>,
  options: { gapMs?: number; waitMs?: number; endAfterWrite?: boolean; untilResponses?: number } = {},
): Promise<RawResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = target.path
      ? connect({ path: target.path })
      : connect({ port: target.port as number, host: '127.0.0.1' });
    const received: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(received).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve({ data, status: match ? Number(match[1]) : 0, closedByServer, elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 3000);
    socket.on('data', (d: Buffer) => {
      received.push(d);
      if (options.untilResponses && completeResponses(Buffer.concat(received)) >= options.untilResponses) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      }
      if (options.endAfterWrite) socket.end();
    });
  });
}
