/**
 * Resolution on the OVN path (X-OVN-Network-ID), with the same trace, refusals and explanations as
 * the ML2/OVS paths in resolver.ts. One Neutron call: the network's ports with the address, then
 * ovn-lookup.ts decides as the OVN agent would from its southbound replica. Nothing is cached
 * (the OVN agent never caches either).
 */
import type {
  NormalisedAddress,
  ResolveOutcome,
  ResolveRequest,
  ResolveTrace,
  Visibility,
} from '@shared/models/metadata';
import { AppError } from '../errors';
import { normaliseAddress } from './address';
import { listPorts, type NeutronRequester } from './neutron-ports';
import { decideOvn, ovnPortsQuery, toOvnPortMatch, type OvnPortRow } from './ovn-lookup';
import { nowMs, roundMs, statusOf, TraceRecorder } from './trace-recorder';

const ZED_LINK_LOCAL =
  'Zed–2023.2 OVN agents compare the header with the port IPs as strings and answer 404 for a link-local address; ' +
  'StackLens follows 2024.1+, which looks the port up by the MAC in it.';

export async function resolveOvn(
  client: NeutronRequester,
  req: ResolveRequest,
  view: Visibility | undefined,
): Promise<ResolveTrace> {
  const rec = new TraceRecorder();
  const warnings: string[] = [];
  const networkId = (req.ovnNetworkId ?? '').trim();
  let address: NormalisedAddress | undefined;
  const finish = (outcome: ResolveOutcome): ResolveTrace => ({
    request: { ...req },
    path: 'ovn',
    address,
    networks: networkId ? [networkId] : [],
    steps: rec.steps,
    outcome,
    durationMs: rec.elapsed(),
    cached: false,
    neutronCalls: rec.neutronCalls,
    ...(view ? { visibility: view } : {}),
    ...(warnings.length ? { warnings } : {}),
  });
  const refuse = (code: 'NO_ID' | 'BAD_ADDRESS', reason: string, agentBehaviour: string) => {
    rec.note({ name: 'refuse', outcome: 'refused', detail: reason, result: { code } });
    return finish({ kind: 'refused', code, reason, agentBehaviour });
  };

  if (req.routerId || req.networkId) {
    warnings.push(
      'X-Neutron-Router-ID / X-Neutron-Network-ID are ignored on the OVN path, as the OVN agent ignores them.',
    );
  }
  if (view === 'project') {
    warnings.push(
      "This session sees only its own project's ports and no binding:host_id; the OVN agent sees every bound port of the network. Use an admin session for the agent's exact result.",
    );
  }
  if (!networkId) {
    return refuse(
      'NO_ID',
      'No X-OVN-Network-ID: the OVN path needs the network the ovnmeta- haproxy serves.',
      'The OVN agent searches network None and answers 404 ("No port found in network None").',
    );
  }
  const n0 = nowMs();
  try {
    address = normaliseAddress(req.ip);
  } catch (err) {
    const message = err instanceof AppError ? err.message : String(err);
    rec.note({ name: 'normalise', outcome: 'error', detail: message, durationMs: nowMs() - n0 });
    return refuse('BAD_ADDRESS', message, 'The OVN agent finds no port with that string and answers 404.');
  }
  noteAddress(rec, address, req.ip, n0, warnings);

  return finish(await lookupAndDecide(client, rec, networkId, address, req.ip, warnings));
}

/** The one Neutron call (the network's ports with the address) and the OVN agent's decision. */
async function lookupAndDecide(
  client: NeutronRequester,
  rec: TraceRecorder,
  networkId: string,
  address: NormalisedAddress,
  raw: string,
  warnings: string[],
): Promise<ResolveOutcome> {
  const lookup = { ip: address.lookupIp, mac: address.mac };
  const what = address.mac ? `MAC ${address.mac} (from the link-local address ${raw})` : `IP ${address.lookupIp}`;
  const t0 = nowMs();
  try {
    const res = await listPorts(client, ovnPortsQuery(networkId, lookup));
    rec.neutronCalls += res.calls.length;
    const ports = (res.ports as OvnPortRow[]).map(toOvnPortMatch);
    rec.note({
      name: 'ports',
      outcome: ports.length ? 'ok' : 'empty',
      request: res.calls.map((c) => c.request).join('\n'),
      status: res.calls.at(-1)?.status,
      durationMs: nowMs() - t0,
      detail:
        `${ports.length} port(s) with ${what} on network ${networkId}` +
        (ports.length ? `: ${ports.map((p) => `${p.id} ${p.ovnBinding}`).join(', ')}.` : '.'),
      result: { ports },
    });
    const d0 = nowMs();
    const outcome = decideOvn(ports, `network ${networkId}`, what, warnings);
    rec.note({
      name: 'decide',
      durationMs: roundMs(nowMs() - d0),
      outcome: outcome.kind === 'resolved' ? 'ok' : 'empty',
      detail:
        outcome.kind === 'resolved'
          ? `Exactly one bound port (${outcome.portId}): instance ${outcome.instanceId}, project ${outcome.projectId}.`
          : (outcome as { reason: string }).reason,
    });
    return outcome;
  } catch (err) {
    rec.neutronCalls += 1;
    const e =
      err instanceof AppError ? err : new AppError('INTERNAL', err instanceof Error ? err.message : String(err));
    rec.note({ name: 'ports', outcome: 'error', durationMs: nowMs() - t0, status: statusOf(err), detail: e.message });
    const hint =
      e.code === 'FORBIDDEN' ? "Listing a network's ports with their bindings needs an admin session." : e.hint;
    return { kind: 'error', code: e.code, message: e.message, ...(hint ? { hint } : {}) };
  }
}

function noteAddress(rec: TraceRecorder, a: NormalisedAddress, raw: string, t0: number, warnings: string[]): void {
  rec.note({
    name: 'normalise',
    outcome: 'ok',
    durationMs: nowMs() - t0,
    result: a,
    detail:
      a.kind === 'ipv4-mapped'
        ? `IPv4-mapped address: looked up as ${a.lookupIp} (X-Forwarded-For stays ${raw}).`
        : a.kind === 'ipv6-link-local'
          ? `IPv6 link-local address: looked up by MAC ${a.mac} from its EUI-64 interface id (OVN agent 2024.1+).`
          : `Looked up as ${a.kind === 'ipv4' ? 'IPv4' : 'IPv6'} ${a.lookupIp}.`,
  });
  if (a.kind === 'ipv6-link-local') {
    warnings.push(ZED_LINK_LOCAL);
    if (!a.eui64Marker) {
      warnings.push(
        `${raw} has no ff:fe in its interface id: not a modified EUI-64 address, so the MAC ${a.mac} is probably not the instance's.`,
      );
    }
  }
}
