/** Labels and colours for listeners and log lines (pure, shared by the page's components). */
import type { ListenerConfig, ListenerState, ProxyLogEntry } from '@shared/models/proxy';

export const stateColors: Record<ListenerState, string> = {
  running: 'green',
  starting: 'yellow',
  stopping: 'yellow',
  stopped: 'gray',
  failed: 'red',
};

export const stateLabels: Record<ListenerState, string> = {
  running: 'Running',
  starting: 'Starting',
  stopping: 'Stopping',
  stopped: 'Stopped',
  failed: 'Failed',
};

/** Colour of a status code badge. */
export function statusColor(status: number): string {
  if (status < 300) return 'green';
  if (status === 429) return 'orange';
  if (status < 500) return 'yellow';
  return 'red';
}

/**
 * The log's one time format, local time: "14:03:07.123" in the table, the same with the day in front
 * ("2026-12-01 14:03:07.123") where there is room (tooltip, drawer).
 */
export function clockTime(iso: string, withDay = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  if (!withDay) return time;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** "12 ms", "1.2 s". */
export function latencyText(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A resource named in a sentence: the view shows "alpha-router (716a…)" with a copy button and a link. */
export interface NamedRef {
  kind: 'server' | 'router' | 'network' | 'project';
  id: string;
}

/** Text and resources in reading order. */
export type Segments = Array<string | NamedRef>;

function scopeRef(routerId?: string, networkId?: string): Segments {
  return routerId
    ? ['router ', { kind: 'router', id: routerId }]
    : ['network ', { kind: 'network', id: networkId ?? '' }];
}

/** Who a listener answers for, in one line, with its resources to name. */
export function scopeSegments(config: ListenerConfig): Segments {
  if (config.mode === 'agent') {
    const headers = config.backend === 'ovn' ? 'X-OVN-Network-ID' : 'X-Neutron-Router-ID / X-Neutron-Network-ID';
    return [`X-Forwarded-For within ${headers}`];
  }
  if (config.mode === 'namespace') {
    const trusted = config.trustedProxies.length
      ? `; X-Forwarded-For trusted from ${config.trustedProxies.join(', ')}`
      : '';
    return ['Caller address on ', ...scopeRef(config.routerId, config.networkId), trusted].filter(Boolean);
  }
  const target = config.instance;
  if (!target) return ['No instance chosen'];
  if (target.kind === 'instance')
    return [
      'Instance ',
      { kind: 'server', id: target.instanceId },
      ' in project ',
      { kind: 'project', id: target.projectId },
    ];
  return [`Address ${target.ip} on `, ...scopeRef(target.routerId, target.networkId)];
}

/** Single-quoted for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The headers a request needs to be answered as `entry` was, by the listener's mode. */
function replayHeaders(config: ListenerConfig, entry: ProxyLogEntry): string[] {
  if (config.mode === 'agent') {
    const scope =
      config.backend === 'ovn'
        ? `X-OVN-Network-ID: ${entry.networkId ?? ''}`
        : entry.routerId
          ? `X-Neutron-Router-ID: ${entry.routerId}`
          : `X-Neutron-Network-ID: ${entry.networkId ?? ''}`;
    return [`X-Forwarded-For: ${entry.source}`, scope];
  }
  // Namespace mode: the address came from a trusted upstream; otherwise the caller was the instance.
  if (config.mode === 'namespace' && entry.source !== entry.peer) return [`X-Forwarded-For: ${entry.source}`];
  return [];
}

/**
 * The curl that sends `entry`'s request again to the running listener (`url`, its token included).
 * null when the listener is not running. A request body (a password POST) is not kept, so none is sent.
 */
export function curlFor(config: ListenerConfig, url: string | undefined, entry: ProxyLogEntry): string | null {
  if (!url) return null;
  // The log never keeps the token; the listener's URL carries it.
  const path = entry.path.replace(/^\/slt-[^/?]*/, '') || '/';
  const parts = ['curl', '-sS'];
  if (entry.method !== 'GET') parts.push('-X', entry.method);
  for (const header of replayHeaders(config, entry)) parts.push('-H', shellQuote(header));
  if (url.startsWith('unix:'))
    parts.push('--unix-socket', shellQuote(url.slice(5)), shellQuote(`http://localhost${path}`));
  else parts.push(shellQuote(`${url}${path}`));
  return parts.join(' ');
}

/** A command that exercises a running listener, for the card's copy button. */
export function tryCommand(config: ListenerConfig, url: string | undefined): string | null {
  if (!url) return null;
  const path = '/openstack/latest/meta_data.json';
  if (url.startsWith('unix:')) {
    return `curl --unix-socket ${url.slice(5)} -H 'X-Forwarded-For: 10.0.0.10' -H 'X-Neutron-Router-ID: <router id>' http://localhost${path}`;
  }
  if (config.mode === 'agent')
    return `curl -H 'X-Forwarded-For: 10.0.0.10' -H 'X-Neutron-Router-ID: <router id>' ${url}${path}`;
  // Behind a trusted upstream the instance address travels in X-Forwarded-For; otherwise the caller is the instance.
  if (config.mode === 'namespace' && config.trustedProxies.length > 0)
    return `curl -H 'X-Forwarded-For: <instance IP>' ${url}${path}`;
  return `curl ${url}${path}`;
}

/** The rate limit in one badge: "10/10 s, burst 50/10 s". */
export function rateLimitText(config: ListenerConfig): string {
  const { baseLimit, baseWindowSeconds, burstLimit, burstWindowSeconds } = config.rateLimit;
  const base = `${baseLimit}/${baseWindowSeconds} s`;
  const burst = `${burstLimit}/${burstWindowSeconds} s`;
  return base === burst ? `Rate limit ${base}` : `Rate limit ${base}, burst ${burst}`;
}

/** The reason column: the machine reason, or nothing for 2xx. */
export function reasonText(entry: ProxyLogEntry): string {
  return entry.error ?? '';
}
