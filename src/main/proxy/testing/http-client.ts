/** A tiny HTTP client for the proxy tests (fresh connection per call, no keep-alive surprises). */
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(
  target: { port?: number; socketPath?: string; host?: string },
  options: {
    method?: string;
    path?: string;
    headers?: OutgoingHttpHeaders;
    body?: string | Buffer;
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.socketPath ? undefined : (target.host ?? '127.0.0.1'),
        port: target.port,
        socketPath: target.socketPath,
        method: options.method ?? 'GET',
        path: options.path ?? '/openstack/latest/meta_data.json',
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    // A hung proxy must fail the test, not stall it.
    req.setTimeout(options.timeoutMs ?? 10_000, () =>
      req.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
