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

/** The first 8 characters of a UUID: enough to tell instances apart in a narrow column. */
export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 8) : '';
}

/** "14:03:07.123" in local time. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** "12 ms", "1.2 s". */
export function latencyText(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Who a listener answers for, in one line. */
export function scopeText(config: ListenerConfig): string {
  if (config.mode === 'agent') return 'X-Forwarded-For within X-Neutron-Router-ID / X-Neutron-Network-ID';
  if (config.mode === 'namespace') {
    const scope = config.routerId ? `router ${config.routerId}` : `network ${config.networkId}`;
    const trusted = config.trustedProxies.length
      ? `; X-Forwarded-For trusted from ${config.trustedProxies.join(', ')}`
      : '';
    return `Caller address on ${scope}${trusted}`;
  }
  const target = config.instance;
  if (!target) return 'No instance chosen';
  if (target.kind === 'instance') return `Instance ${target.instanceId} (project ${target.projectId})`;
  return `Address ${target.ip} on ${target.routerId ? `router ${target.routerId}` : `network ${target.networkId}`}`;
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
