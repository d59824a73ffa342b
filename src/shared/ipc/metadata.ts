import type {
  InstanceLookup,
  LookupPlan,
  MetadataConfigInput,
  MetadataConfigView,
  MetadataFetchResult,
  NetworkBackendInfo,
  NovaApiView,
  ResolveRequest,
  ResolveTrace,
} from '../models/metadata';

/** Resolver and metadata lookups. The shared secret only ever travels renderer -> main (saveConfig). */
export const metadataChannels = [
  'metadata:getConfig',
  'metadata:saveConfig',
  'metadata:plan',
  'metadata:backend',
  'metadata:resolve',
  'metadata:lookup',
  'metadata:fetch',
  'metadata:novaApi',
  'metadata:saveDocument',
] as const;

export interface MetadataContract {
  /** The cloud's metadata settings; `hasSecret` says whether a secret is stored, never its value. */
  'metadata:getConfig': { request: { cloudId: string }; response: MetadataConfigView };
  /** `secret` is write-only (empty/absent = keep the stored one); `clearSecret` removes it. */
  'metadata:saveConfig': { request: MetadataConfigInput; response: MetadataConfigView };
  /** Which metadata paths apply to an instance (ports, routers, DHCP subnets, config drive). */
  'metadata:plan': { request: { cloudId: string; instanceId: string }; response: LookupPlan };
  /** The cloud's networking backend: detected from agents, distributed ports and extensions, and the override. */
  'metadata:backend': { request: { cloudId: string }; response: NetworkBackendInfo };
  /** One resolution exactly like neutron-metadata-agent, with its trace. */
  'metadata:resolve': { request: { cloudId: string } & ResolveRequest; response: ResolveTrace };
  /** The plan plus every path resolved, and whether documents can be fetched. */
  'metadata:lookup': { request: { cloudId: string; instanceId: string }; response: InstanceLookup };
  /** Every document the instance sees through one path (re-resolved in main, signed, sent to nova). */
  'metadata:fetch': { request: { cloudId: string; via: ResolveRequest; ec2?: boolean }; response: MetadataFetchResult };
  /** Server metadata and (admins) user_data from Nova's compute API: no secret needed. */
  'metadata:novaApi': { request: { cloudId: string; instanceId: string }; response: NovaApiView };
  /** Writes a document's bytes (base64) to a file the user picks; null when cancelled. */
  'metadata:saveDocument': {
    request: { suggestedName: string; base64: string };
    response: { path: string; bytes: number } | null;
  };
}
