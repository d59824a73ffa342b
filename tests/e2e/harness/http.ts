import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** A GET from node http, as cloud-init or curl would send it (no keep-alive, 30 s at the most). */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** The status of a GET (see httpGet). */
export async function getStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return (await httpGet(url, headers)).status;
}
