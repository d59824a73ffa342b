/**
 * Binding a listener's server to TCP or a unix socket, with errors an admin can act on
 * (port in use, privileged port, address not on this machine, live socket in the way).
 */
import { chmod, lstat, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { AppError } from '../errors';

export interface BoundAddress {
  url: string;
  port?: number;
  /** Removes what binding left on disk (the unix socket file), after the server closed. */
  cleanup?: () => Promise<void>;
}

function bindError(err: NodeJS.ErrnoException, where: string): AppError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new AppError(
        'CONFLICT',
        `${where} is already in use.`,
        'Pick another port, or leave the port blank for a free one.',
        { code: err.code },
      );
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'CONFIG_INVALID',
        `Not allowed to listen on ${where}.`,
        'Ports below 1024 need privileges: use a port above 1024.',
        { code: err.code },
      );
    case 'EADDRNOTAVAIL':
      return new AppError(
        'CONFIG_INVALID',
        `${where}: that address is not on this machine.`,
        "Bind 127.0.0.1 or an address of one of this machine's interfaces.",
        { code: err.code },
      );
    default:
      return new AppError('INTERNAL', `Could not listen on ${where}: ${err.message}`, undefined, {
        code: err.code ?? null,
      });
  }
}

function listen(server: Server, args: { host?: string; port?: number; path?: string }, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(bindError(err, where));
    server.once('error', onError);
    server.listen({ ...args, backlog: 4096, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Listens on host:port (port null = a free one chosen by the OS). */
export async function listenTcp(server: Server, host: string, port: number | null): Promise<BoundAddress> {
  const display = host.includes(':') ? `[${host}]` : host;
  await listen(server, { host, port: port ?? 0 }, `${display}:${port ?? 'a free port'}`);
  const actual = (server.address() as AddressInfo).port;
  return { url: `http://${display}:${actual}`, port: actual };
}

/** True when something accepts connections on the unix socket at `path`. */
function socketAlive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect({ path });
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * Listens on a unix socket, as the agent's metadata_proxy socket. A stale socket file left by a
 * crash is removed; a live one, or a file that is not a socket, is never touched. Whoever can
 * connect gets any instance's metadata, so the socket is bound inside a fresh 0700 directory,
 * made 0600 there, and only then moved to `path`: it is never reachable by others, not even for
 * the moment between bind and chmod.
 */
export async function listenUnix(server: Server, path: string): Promise<BoundAddress> {
  const existing = await lstat(path).catch(() => undefined);
  if (existing) {
    if (!existing.isSocket())
      throw new AppError('CONFLICT', `${path} exists and is not a socket.`, 'Choose another socket path.');
    if (await socketAlive(path))
      throw new AppError(
        'CONFLICT',
        `Something already listens on ${path}.`,
        'Stop it, or choose another socket path.',
      );
    await unlink(path);
  }
  // mkdtemp makes the directory 0700; a short name keeps the path under the 108-byte limit.
  const privateDir = await mkdtemp(join(dirname(path), '.slb-')).catch((err: NodeJS.ErrnoException) => {
    throw bindError(err, path);
  });
  const temp = join(privateDir, 's');
  try {
    await listen(server, { path: temp }, path);
    await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (err) {
    server.close();
    throw err instanceof AppError ? err : bindError(err as NodeJS.ErrnoException, path);
  } finally {
    await rm(privateDir, { recursive: true, force: true });
  }
  const { ino } = await lstat(path);
  // node unlinks the path it bound (the temp one) on close: remove ours, if it is still ours.
  const cleanup = async () => {
    const now = await lstat(path).catch(() => undefined);
    if (now?.isSocket() && now.ino === ino) await unlink(path).catch(() => undefined);
  };
  return { url: `unix:${path}`, cleanup };
}

/** A listening socket made elsewhere and handed over (see netns-socket.ts), or an inherited fd. */
export type ListenHandle = NetServer | { fd: number };

/**
 * Serves on a socket that is already listening, e.g. one made inside a network namespace by a
 * child and passed over Node's IPC channel: connections come from that namespace.
 */
export function listenHandle(server: Server, handle: ListenHandle): Promise<BoundAddress> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(bindError(err, 'the handed-over socket'));
    server.once('error', onError);
    server.listen(handle, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const host = address.address.includes(':') ? `[${address.address}]` : address.address;
      resolve({ url: `http://${host}:${address.port}`, port: address.port });
    });
  });
}
