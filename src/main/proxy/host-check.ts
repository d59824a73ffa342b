/**
 * DNS-rebinding guard: a web page whose name resolves to 127.0.0.1 reaches a loopback listener
 * with its own name in Host. Only an IP literal, `localhost` or this machine's own name may
 * appear there (with an optional port); nothing is ever resolved.
 */
import { hostname } from 'node:os';
import { parseStrictIp } from './addresses';

/** Splits "host:port" / "[v6]:port" / "host"; null when it is not of that shape. */
function hostPart(header: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(header);
  if (bracketed) return parseStrictIp(bracketed[1]) ? bracketed[1] : null;
  const plain = /^([^:]+)(?::(\d{1,5}))?$/.exec(header);
  return plain ? plain[1] : null;
}

/**
 * True when the Host header names this listener: absent (HTTP/1.0 clients, haproxy health
 * checks), an IP literal, localhost, or the machine's host name.
 */
export function isHostAllowed(header: string | undefined, ownNames: readonly string[] = [hostname()]): boolean {
  if (header === undefined || header === '') return true;
  const host = hostPart(header.trim());
  if (host === null) return false;
  if (parseStrictIp(host)) return true;
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || ownNames.some((own) => own.toLowerCase() === name);
}
