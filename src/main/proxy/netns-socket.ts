/**
 * A listening TCP socket inside a network namespace (a qrouter-/qdhcp- namespace on a network
 * node), for a namespace-mode listener. A socket belongs to the namespace it was created in, so a
 * small child started with `ip netns exec NS` creates it and hands it over Node's IPC channel;
 * this process then serves connections from inside the namespace while its own API calls
 * (Keystone, Neutron, nova) leave from where it runs.
 */
import { spawn } from 'node:child_process';
import type { Server as NetServer } from 'node:net';
import { AppError } from '../errors';

/** The child: listen, send the server handle with the address, exit once it is sent. */
const CHILD = `
const net = require('node:net');
const server = net.createServer();
server.on('error', (e) => process.send({ error: e.code || e.message }, () => process.exit(1)));
server.listen({ host: process.argv[1], port: Number(process.argv[2]), backlog: 4096, exclusive: true }, () =>
  process.send({ address: server.address() }, server, () => process.exit(0)));
`;

export interface NamespaceSocketOptions {
  /** `ip netns` name; undefined = this process's own namespace (tests, or a plain host). */
  namespace?: string;
  host: string;
  port: number;
  /** A Node binary for the child; Electron's runs as Node with ELECTRON_RUN_AS_NODE. */
  execPath?: string;
  timeoutMs?: number;
}

function childCommand(o: NamespaceSocketOptions): [string, string[]] {
  const node = [o.execPath ?? process.execPath, '-e', CHILD, o.host, String(o.port)];
  return o.namespace ? ['ip', ['netns', 'exec', o.namespace, ...node]] : [node[0], node.slice(1)];
}

function where(o: NamespaceSocketOptions): string {
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return `${host}:${o.port}${o.namespace ? ` in namespace ${o.namespace}` : ''}`;
}

function failure(o: NamespaceSocketOptions, reason: string): AppError {
  if (reason === 'EADDRINUSE')
    return new AppError('CONFLICT', `${where(o)} is already in use.`, 'Stop what listens there first.');
  return new AppError(
    'INTERNAL',
    `Could not listen on ${where(o)}: ${reason}`,
    o.namespace ? 'The namespace must exist, and listening inside it needs root (ip netns exec).' : undefined,
  );
}

/** Resolves with a listening net.Server (pass it to MetadataProxyServer.start({ handle })). */
export function listenInNamespace(o: NamespaceSocketOptions): Promise<NetServer> {
  const [cmd, args] = childCommand(o);
  const child = spawn(cmd, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-500)));
  return new Promise<NetServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(failure(o, `no socket within ${o.timeoutMs ?? 10_000} ms`));
    }, o.timeoutMs ?? 10_000);
    child.once('message', (msg: { error?: string }, handle?: unknown) => {
      clearTimeout(timer);
      if (handle) resolve(handle as NetServer);
      else reject(failure(o, msg.error ?? 'no socket handed over'));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(failure(o, err.message));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(failure(o, stderr.trim() || `the child exited with code ${code}`));
    });
  });
}
