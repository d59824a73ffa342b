/**
 * Helpers for the proxy's lab tests: a listener wired to the REAL resolver (an admin session on the
 * lab's Keystone and Neutron) and the REAL nova-api-metadata behind the lab's recorder.
 */
import { request } from 'node:http';
import type { ListenerInput } from '../../src/shared/models/proxy';
import type { NovaMetadataTarget } from '../../src/main/metadata/nova-metadata-client';
import type { NeutronRequester } from '../../src/main/metadata/neutron-ports';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { normaliseListener } from '../../src/main/proxy/listener-config';
import { createMetadataBackend } from '../../src/main/proxy/metadata-backend';
import { MetadataProxyServer } from '../../src/main/proxy/metadata-proxy-server';
import type { ProxyLogEntry } from '../../src/shared/models/proxy';
import type { LabTopology } from './lab';
import type { ListenHandle } from '../../src/main/proxy/bind';

export interface LabListener {
  server: MetadataProxyServer;
  url: string;
  port?: number;
  /** The listener's token (agent mode on TCP, instance mode): `ask` sends it. */
  token?: string;
  entries: ProxyLogEntry[];
  /** Swap what the backend uses (fault injection: a dead Neutron, nova, an expired token). */
  wiring: { client: NeutronRequester; target: NovaMetadataTarget };
}

/** Starts a listener against the lab; `through` 'recorder' (default) lets tests see what was sent. */
export async function startLabListener(
  lab: LabTopology,
  session: KeystoneSession,
  input: Omit<ListenerInput, 'name' | 'cloudId' | 'port'> & { port?: number | null },
  options: { useCache?: boolean; through?: 'recorder' | 'nova'; handle?: ListenHandle } = {},
): Promise<LabListener> {
  const config = normaliseListener({
    name: 'lab-test',
    cloudId: 'lab-admin',
    port: null,
    ...input,
    useCache: options.useCache ?? input.useCache,
  });
  const url = options.through === 'nova' ? (lab.novaMetadataUrl as string) : (lab.recorderUrl as string);
  const wiring = {
    client: session.client() as NeutronRequester,
    target: { url, secret: lab.metadataSecret } as NovaMetadataTarget,
  };
  const backend = createMetadataBackend({
    client: () => wiring.client,
    target: () => wiring.target,
    visibility: () => 'cloud',
    useCache: config.useCache,
  });
  const server = new MetadataProxyServer(config, backend);
  const entries: ProxyLogEntry[] = [];
  server.events.on('request', (e) => entries.push(e));
  const status = await server.start({ handle: options.handle });
  return { server, url: status.url as string, port: status.port, token: config.token, entries, wiring };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request over TCP or a unix socket, with a deadline. */
export function ask(
  target: { port?: number; socketPath?: string; token?: string },
  headers: Record<string, string> = {},
  path = '/openstack/latest/meta_data.json',
  method = 'GET',
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.socketPath ? undefined : '127.0.0.1',
        port: target.port,
        socketPath: target.socketPath,
        path,
        method,
        headers: {
          Host: '169.254.169.254',
          ...(target.token ? { 'X-StackLens-Token': target.token } : {}),
          ...headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}
