/** Resolution traces and metadata lookups, secret-free (they cross IPC and go into logs). */
import type { TlsFileChoice } from './cloud';

/** Whose ports a session sees: every project's (admin, like the agent's RPC) or its own project's. */
export type Visibility = 'cloud' | 'project';

export interface ResolveRequest {
  /** The instance's source address as the namespace proxy saw it (X-Forwarded-For). */
  ip: string;
  routerId?: string;
  networkId?: string;
  /**
   * X-OVN-Network-ID, set by ML2/OVN's haproxy in ovnmeta-<network>: the OVN lookup (bound ports
   * of that network). When present, the X-Neutron-* ids are ignored, as the OVN agent ignores them.
   */
  ovnNetworkId?: string;
}

/** How the address was interpreted, as the agent does before its port query. */
export interface NormalisedAddress {
  kind: 'ipv4' | 'ipv4-mapped' | 'ipv6' | 'ipv6-link-local';
  /** The IP used in the fixed_ips filter (IPv4 for an IPv4-mapped address). */
  lookupIp?: string;
  /** For IPv6 link-local: the MAC from the EUI-64 interface id, the agent looks the port up by it. */
  mac?: string;
  /**
   * IPv6 link-local only: whether the interface id has the EUI-64 ff:fe marker. The agent does not
   * check it; without it (RFC 7217 / privacy addresses) the derived MAC is almost surely wrong.
   */
  eui64Marker?: boolean;
}

export interface TraceStep {
  /** e.g. 'normalise', 'router-networks', 'ports', 'cache', 'sign', 'nova'. */
  name: string;
  /** One line an admin understands. */
  detail: string;
  /** The Neutron/Nova request (method + path + query), no token. */
  request?: string;
  status?: number;
  /** A short, secret-free summary of what came back (ids, counts). */
  result?: unknown;
  durationMs: number;
  outcome: 'ok' | 'empty' | 'error' | 'refused' | 'cached';
}

/** One port a resolution found (what the agent's get_ports returned, trimmed). */
export interface PortMatch {
  id: string;
  deviceId: string;
  deviceOwner: string;
  projectId: string;
  networkId: string;
  macAddress?: string;
  fixedIps?: string[];
  /** OVN lookup: Neutron's port status (ACTIVE once a chassis has claimed the port). */
  status?: string;
  /** OVN lookup: binding:host_id (admin only), the chassis hostname the port is bound to. */
  hostId?: string;
  /** OVN lookup: why the OVN agent would (not) match this port. */
  ovnBinding?: 'claimed' | 'not-claimed' | 'no-chassis-by-design';
}

/** Why a resolution was refused (nothing is forwarded to nova). */
export type RefusalCode =
  /** Both X-Neutron-Router-ID and X-Neutron-Network-ID: the agent drops it (404, 400 from 2025.1). */
  | 'BOTH_IDS'
  /** Neither header: the agent fails with 500. */
  | 'NO_ID'
  /** X-Forwarded-For is not one IP address: the agent fails with 500. */
  | 'BAD_ADDRESS'
  /** The router has no interface networks: the agent would search the whole cloud (UNSAFE_REFUSED). */
  | 'UNSAFE_REFUSED';

export type ResolveOutcome =
  | { kind: 'resolved'; instanceId: string; projectId: string; portId: string; deviceOwner: string; networkId: string }
  | {
      kind: 'not-found';
      reason: string;
      portCount: number;
      portIds: string[];
      /** 'no-port', 'several-ports' or 'no-device' (one port with an empty device_id: the agent 404s too). */
      why?: 'no-port' | 'several-ports' | 'no-device' | 'not-claimed';
      ports?: PortMatch[];
    }
  | {
      kind: 'refused';
      reason: string;
      code?: RefusalCode;
      /** What the real agent does with the same request, when StackLens deliberately differs. */
      agentBehaviour?: string;
    }
  | { kind: 'error'; code: string; message: string; hint?: string };

export interface ResolveTrace {
  request: ResolveRequest;
  path: 'router' | 'network' | 'ovn' | 'none';
  address?: NormalisedAddress;
  /** The networks searched (router path: the router's interface networks). */
  networks: string[];
  steps: TraceStep[];
  outcome: ResolveOutcome;
  durationMs: number;
  cached: boolean;
  /** How many Neutron calls this resolution made. */
  neutronCalls: number;
  /**
   * The router's interface networks came from the short-lived router cache (the port step was
   * asked): a nova 404 then makes the proxy drop it and resolve again.
   */
  routerNetworksCached?: boolean;
  /**
   * 'cloud' when the session sees every project's ports (admin, like the agent's RPC); 'project'
   * when only its own project's ports were visible, so "not found" or even "resolved" may differ
   * from the agent's answer. Absent when unknown.
   */
  visibility?: Visibility;
  /** Things the admin should know that do not change the outcome (device owner, EUI-64, scope). */
  warnings?: string[];
}

// ---------------------------------------------------------------------------------------------
// Per-cloud configuration of the nova metadata endpoint (the secret itself never crosses IPC).

/** TLS options used towards nova-api-metadata (agent: nova_metadata_insecure, auth_ca_cert, nova_client_cert/priv_key). */
export interface MetadataTlsConfig {
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
}

/** What the renderer sees of a cloud's metadata config. */
export interface MetadataConfigView {
  cloudId: string;
  /** null until the admin saves one; `suggestedUrl` is a starting point. */
  novaMetadataUrl: string | null;
  /** http(s)://<compute endpoint host>:8775, when a session with a compute endpoint exists. */
  suggestedUrl?: string;
  tls: MetadataTlsConfig;
  timeoutMs: number;
  /** A shared secret is stored in the vault (its value never leaves main). */
  hasSecret: boolean;
  /** Cache port lookups like the pre-2025.1 agent (TTL in ms; 0 = off, the default). */
  cacheTtlMs: number;
  /** The networking backend: 'auto' = detected from the agents, ports and extensions. */
  backend: NetworkBackend | 'auto';
}

/**
 * What the settings form sends. `secret` is write-only; `clearSecret` removes the stored one. The
 * CA / client cert / key are picks of main's dialog (clouds:chooseTlsFile), null to remove the
 * file, absent to keep the stored one: never a path (main reads no file the renderer names).
 */
export interface MetadataConfigInput {
  cloudId: string;
  novaMetadataUrl: string;
  tls?: { verify?: boolean; cacert?: TlsFileChoice; cert?: TlsFileChoice; key?: TlsFileChoice };
  timeoutMs?: number;
  cacheTtlMs?: number;
  backend?: NetworkBackend | 'auto';
  secret?: string;
  clearSecret?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Per-instance lookups.

/** One way this instance's metadata request reaches the agent. */
export interface LookupPath {
  /** router: the l3-agent's haproxy in the router namespace; network: the dhcp-agent's. */
  kind: 'router' | 'network';
  /** The source address the instance uses (a fixed IP, or its IPv6 link-local address). */
  ip: string;
  routerId?: string;
  routerName?: string;
  networkId: string;
  networkName?: string;
  portId: string;
  /** Why this path applies, in the admin's terms. */
  why: string;
  /** Conditions the path depends on that StackLens cannot see (dhcp-agent options...). */
  caveat?: string;
  /** The subnet of the fixed IP (IPv4 paths). */
  subnetId?: string;
  /** True for the path the instance's packets to 169.254.169.254 really take (gateway / host route / option 121). */
  used?: boolean;
}

/** One port of the instance, with what it is attached to. */
export interface InstancePort {
  id: string;
  networkId: string;
  networkName?: string;
  macAddress: string;
  fixedIps: Array<{
    ip: string;
    subnetId: string;
    subnetCidr?: string;
    dhcp?: boolean;
    ipVersion?: 4 | 6;
    ipv6AddressMode?: string | null;
  }>;
  routers: Array<{ id: string; name?: string }>;
  /** IPv6 link-local address derived from the MAC (what the instance uses towards fe80::a9fe:a9fe). */
  linkLocal?: string;
}

export interface InstanceSummary {
  id: string;
  name?: string;
  projectId?: string;
  /** From Keystone, when this session may read the project (admins, its members). */
  projectName?: string;
  status?: string;
  configDrive?: boolean;
}

/** Which metadata paths apply to an instance, before anything is resolved. */
/** The cloud's networking backend, as StackLens detected it (and the admin's override). */
export type NetworkBackend = 'ml2-ovs' | 'ovn';
export interface NetworkBackendInfo {
  /** What the API shows: 'mixed' (both kinds of agents) and 'unknown' (nothing to go by) are said. */
  detected: NetworkBackend | 'mixed' | 'unknown';
  /** The one used for paths and resolution: the override, else the detected one, else ML2/OVS. */
  effective: NetworkBackend;
  /** Set in the cloud's settings ('auto' = follow the detection). */
  override: NetworkBackend | 'auto';
  /** The facts behind the detection, one line each. */
  evidence: string[];
}

export interface LookupPlan {
  cloudId: string;
  /** Which backend's paths these are (absent in plans made before detection existed). */
  backend?: NetworkBackendInfo;
  instance: InstanceSummary;
  ports: InstancePort[];
  paths: LookupPath[];
  /** Plain facts: config drive, no router, no DHCP subnet, non-admin view... */
  notes: string[];
  /** How many API calls making the plan took. */
  apiCalls: number;
}

/** A path with its resolution trace. */
export interface PathResolution {
  path: LookupPath;
  trace: ResolveTrace;
  /** True when the agent would forward this request as this very instance. */
  landsOnInstance: boolean;
  /** One line: lands here / resolves to another device / not found / refused. */
  verdict: string;
}

/** metadata:lookup: the plan and every path resolved. */
export interface InstanceLookup {
  plan: LookupPlan;
  resolutions: PathResolution[];
  /** Whether a shared secret and nova URL are configured (documents can be fetched). */
  canFetch: boolean;
  /** When canFetch is false: what is missing. */
  missing?: string;
}

/** One document as nova-api-metadata answered it; the bytes are untouched. */
export interface MetadataDocument {
  tree: 'openstack' | 'ec2';
  /** The path asked, e.g. /openstack/latest/meta_data.json or /latest/meta-data/instance-id. */
  path: string;
  status: number;
  contentType?: string;
  size: number;
  /** The body, base64 (byte-exact). */
  base64: string;
  /** The body as UTF-8 text when it is valid UTF-8 without control bytes; never HTML-rendered. */
  text?: string;
  /** Pretty-printed JSON when the body parses as JSON. */
  prettyJson?: string;
  /** Why this status, for the admin (404 on user_data = the instance has none, ...). */
  note?: string;
}

/** metadata:fetch: what the instance sees. */
export interface MetadataFetchResult {
  /** The resolution the documents were fetched through. */
  via: ResolveRequest;
  instanceId: string;
  projectId: string;
  novaUrl: string;
  /** From GET /openstack. */
  versions: string[];
  documents: MetadataDocument[];
  requests: number;
  durationMs: number;
}

/** What Nova's compute API offers without the metadata secret. */
export interface NovaApiView {
  instanceId: string;
  serverMetadata: Record<string, string> | null;
  serverMetadataError?: string;
  /** OS-EXT-SRV-ATTR:user_data (admins, microversion >= 2.3), decoded byte-exact as base64. */
  userData?: { base64: string; size: number; text?: string } | null;
  userDataNote: string;
}
