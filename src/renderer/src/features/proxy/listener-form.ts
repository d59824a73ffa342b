/**
 * The listener form's values and their mapping to ListenerInput. Checks here only guide the user;
 * main validates again (normaliseListener) and its error, with the field, is shown as well.
 */
import ipaddr from 'ipaddr.js';
import type { NetworkBackendInfo } from '@shared/models/metadata';
import type { ListenerConfig, ListenerInput, ProxyBackendKind, ProxyMode } from '@shared/models/proxy';
import type { ListenerPrefill } from '../../app/routes';

export type ScopeKind = 'router' | 'network';

export interface ListenerFormValues {
  name: string;
  cloudId: string;
  mode: ProxyMode;
  /** ML2/OVS (router or DHCP namespace contract) or OVN (ovnmeta- namespace, a network only). */
  backend: ProxyBackendKind;
  host: string;
  /** Blank = a free port chosen at start. */
  port: string;
  allowNonLoopback: boolean;
  /** Agent mode: serve a unix socket instead of TCP. */
  useSocket: boolean;
  socketPath: string;
  scopeKind: ScopeKind;
  scopeId: string;
  trustedProxies: string[];
  instanceKind: 'instance' | 'address';
  instanceId: string;
  projectId: string;
  instanceIp: string;
  useCache: boolean;
  rateLimitEnabled: boolean;
  baseWindowSeconds: number;
  baseLimit: number;
  burstWindowSeconds: number;
  burstLimit: number;
  maxBodyKiB: number;
  headersTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  upstreamTimeoutSeconds: number;
}

export const modeLabels: Record<ProxyMode, string> = {
  namespace: 'Namespace (haproxy + agent)',
  agent: 'Agent socket',
  instance: 'Single instance',
};

export const modeDescriptions: Record<ProxyMode, string> = {
  namespace:
    "Like the router or DHCP namespace proxy: the caller's address is the instance address, looked up on one router or network. X-Neutron-* headers sent by the caller are ignored.",
  agent:
    "Like neutron-metadata-agent's socket: expects X-Forwarded-For plus X-Neutron-Router-ID or X-Neutron-Network-ID, so a real haproxy can point at it.",
  instance: 'Every request is answered as one instance, whoever asks: for cloud-init or curl on this machine.',
};

/** OVN's contract differs where the caller says where it asks from. */
export const ovnModeDescriptions: Partial<Record<ProxyMode, string>> = {
  namespace:
    "Like OVN's ovnmeta- namespace proxy: the caller's address is the instance address, looked up among the bound ports of one network.",
  agent:
    "Like neutron-ovn-metadata-agent's socket: expects X-Forwarded-For plus X-OVN-Network-ID, so a real ovnmeta- haproxy can point at it.",
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `host` is a loopback IP literal (127.0.0.0/8, ::1, or their IPv4-mapped form). */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim() || '127.0.0.1';
  if (!ipaddr.isValid(value)) return false;
  let address = ipaddr.parse(value);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    address = (address as ipaddr.IPv6).toIPv4Address();
  return address.range() === 'loopback';
}

export function toFormValues(config?: ListenerConfig, defaults: { cloudId?: string } = {}): ListenerFormValues {
  const instance = config?.instance;
  const scopeOf = (routerId?: string, networkId?: string): { scopeKind: ScopeKind; scopeId: string } =>
    networkId ? { scopeKind: 'network', scopeId: networkId } : { scopeKind: 'router', scopeId: routerId ?? '' };
  const scope =
    instance?.kind === 'address'
      ? scopeOf(instance.routerId, instance.networkId)
      : scopeOf(config?.routerId, config?.networkId);
  return {
    name: config?.name ?? '',
    cloudId: config?.cloudId ?? defaults.cloudId ?? '',
    mode: config?.mode ?? 'instance',
    backend: config?.backend ?? 'ml2',
    host: config?.host ?? '127.0.0.1',
    port: config?.port ? String(config.port) : '',
    allowNonLoopback: config?.allowNonLoopback ?? false,
    useSocket: Boolean(config?.socketPath),
    socketPath: config?.socketPath ?? '',
    ...scope,
    trustedProxies: config?.trustedProxies ?? [],
    instanceKind: instance?.kind ?? 'instance',
    instanceId: instance?.kind === 'instance' ? instance.instanceId : '',
    projectId: instance?.kind === 'instance' ? instance.projectId : '',
    instanceIp: instance?.kind === 'address' ? instance.ip : '',
    useCache: config?.useCache ?? false,
    rateLimitEnabled: config?.rateLimit.enabled ?? false,
    baseWindowSeconds: config?.rateLimit.baseWindowSeconds ?? 10,
    baseLimit: config?.rateLimit.baseLimit ?? 10,
    burstWindowSeconds: config?.rateLimit.burstWindowSeconds ?? 10,
    burstLimit: config?.rateLimit.burstLimit ?? 10,
    maxBodyKiB: Math.round((config?.limits.maxBodyBytes ?? 65536) / 1024),
    headersTimeoutSeconds: (config?.limits.headersTimeoutMs ?? 10_000) / 1000,
    requestTimeoutSeconds: (config?.limits.requestTimeoutMs ?? 30_000) / 1000,
    upstreamTimeoutSeconds: (config?.limits.upstreamTimeoutMs ?? 60_000) / 1000,
  };
}

/**
 * A new listener's values when another page asked for one (a topology row action): a namespace
 * listener on the router or network, or a single-instance listener answering as the server.
 */
export function prefillValues(prefill: ListenerPrefill, instanceName?: string | null): ListenerFormValues {
  const base = toFormValues(undefined, { cloudId: prefill.cloudId });
  if (prefill.mode === 'namespace') {
    return { ...base, mode: 'namespace', scopeKind: prefill.scope.kind, scopeId: prefill.scope.id };
  }
  return {
    ...base,
    name: instanceName ? `as ${instanceName}` : '',
    mode: 'instance',
    instanceKind: 'instance',
    instanceId: prefill.instanceId,
    projectId: prefill.projectId ?? '',
  };
}

export const backendLabels: Record<ProxyBackendKind, string> = { ml2: 'ML2/OVS', ovn: 'OVN' };

/** The listener backend matching what StackLens detected on the cloud; null when it cannot tell. */
export function detectedListenerBackend(info: NetworkBackendInfo | undefined): ProxyBackendKind | null {
  if (!info) return null;
  if (info.override !== 'auto') return info.override === 'ovn' ? 'ovn' : 'ml2';
  return info.detected === 'ovn' ? 'ovn' : info.detected === 'ml2-ovs' ? 'ml2' : null;
}

/** OVN has no router namespace: the scope is always a network (its ovnmeta- namespace). */
export function withBackend(backend: ProxyBackendKind): Partial<ListenerFormValues> {
  return backend === 'ovn' ? { backend, scopeKind: 'network' } : { backend };
}

function scopeIds(kind: ScopeKind, id: string): { routerId?: string; networkId?: string } {
  const value = id.trim();
  return kind === 'router' ? { routerId: value } : { networkId: value };
}

/** The request for proxy:save. Fields that do not apply to the mode are left out. */
export function toListenerInput(values: ListenerFormValues, id?: string): ListenerInput {
  const port = values.port.trim() === '' ? null : Number(values.port);
  const input: ListenerInput = {
    ...(id ? { id } : {}),
    name: values.name.trim(),
    cloudId: values.cloudId,
    mode: values.mode,
    host: values.host.trim() || '127.0.0.1',
    port,
    allowNonLoopback: values.allowNonLoopback,
    useCache: values.useCache,
    rateLimit: {
      enabled: values.rateLimitEnabled,
      baseWindowSeconds: values.baseWindowSeconds,
      baseLimit: values.baseLimit,
      burstWindowSeconds: values.burstWindowSeconds,
      burstLimit: values.burstLimit,
    },
    limits: {
      maxBodyBytes: Math.round(values.maxBodyKiB * 1024),
      headersTimeoutMs: Math.round(values.headersTimeoutSeconds * 1000),
      requestTimeoutMs: Math.round(values.requestTimeoutSeconds * 1000),
      upstreamTimeoutMs: Math.round(values.upstreamTimeoutSeconds * 1000),
    },
  };
  if (values.backend === 'ovn') input.backend = 'ovn';
  if (values.mode === 'agent' && values.useSocket) input.socketPath = values.socketPath.trim();
  if (values.mode === 'namespace') {
    Object.assign(input, scopeIds(values.scopeKind, values.scopeId));
    input.trustedProxies = values.trustedProxies.map((p) => p.trim()).filter(Boolean);
  }
  if (values.mode === 'instance') {
    input.instance =
      values.instanceKind === 'instance'
        ? { kind: 'instance', instanceId: values.instanceId.trim(), projectId: values.projectId.trim() }
        : { kind: 'address', ip: values.instanceIp.trim(), ...scopeIds(values.scopeKind, values.scopeId) };
  }
  return input;
}

type Errors = Partial<Record<keyof ListenerFormValues, string>>;

/** Guidance per field (null = fine), mirroring main's checks. */
export function validateListenerForm(values: ListenerFormValues): Errors {
  const errors: Errors = {};
  if (!values.name.trim()) errors.name = 'Give the listener a name';
  if (!values.cloudId) errors.cloudId = 'Pick the cloud whose Neutron and nova answer';
  const socket = values.mode === 'agent' && values.useSocket;
  if (socket) {
    if (!values.socketPath.trim().startsWith('/'))
      errors.socketPath = 'An absolute path, e.g. /tmp/stacklens-metadata.sock';
  } else {
    const host = values.host.trim() || '127.0.0.1';
    if (!ipaddr.IPv4.isValidFourPartDecimal(host) && !ipaddr.IPv6.isValid(host))
      errors.host = 'An IP address, e.g. 127.0.0.1';
    else if (!isLoopbackHost(host) && !values.allowNonLoopback)
      errors.host = 'Not a loopback address: tick "Allow non-loopback address" to bind it';
    const port = values.port.trim();
    if (port !== '' && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535))
      errors.port = 'A port from 1 to 65535, or blank for a free one';
  }
  const needsScope = values.mode === 'namespace' || (values.mode === 'instance' && values.instanceKind === 'address');
  if (needsScope && !uuidPattern.test(values.scopeId.trim()))
    errors.scopeId = `Pick the ${values.scopeKind} (by name, IP or ID)`;
  else if (needsScope && values.backend === 'ovn' && values.scopeKind === 'router')
    errors.scopeKind = 'OVN has no router namespace: look up on a network';
  if (values.mode === 'namespace') {
    const bad = values.trustedProxies.find((p) => !ipaddr.isValid(p.trim()) && !ipaddr.isValidCIDR(p.trim()));
    if (bad) errors.trustedProxies = `${bad} is not an IP address or CIDR`;
  }
  if (values.mode === 'instance') {
    if (values.instanceKind === 'instance') {
      if (!uuidPattern.test(values.instanceId.trim())) errors.instanceId = 'Pick the instance (by name, IP or ID)';
      if (!values.projectId.trim())
        errors.projectId = "The instance's project ID (nova checks it): not in the loaded topology";
    } else if (
      !ipaddr.IPv4.isValidFourPartDecimal(values.instanceIp.trim()) &&
      !ipaddr.IPv6.isValid(values.instanceIp.trim())
    ) {
      errors.instanceIp = "The instance's fixed IP, e.g. 10.0.0.10";
    }
  }
  if (values.headersTimeoutSeconds > values.requestTimeoutSeconds)
    errors.headersTimeoutSeconds = 'At most the request timeout';
  return errors;
}
