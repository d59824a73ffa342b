/**
 * ML2/OVS: the agents behind the path the instance uses. Weighed as the real data path behaves
 * (docs/labs.md, the data path): a dead L3 or DHCP agent leaves its haproxy serving (warning); no agent
 * hosting the router or network, no active HA instance, or no live metadata agent on the host is a
 * block (haproxy answers 503 without the agent, which the API still calls alive for agent_down_time,
 * so a missed heartbeat counts).
 */
import type { Evidence, Finding } from '@shared/models/doctor';
import type { Agent } from '../doctor-data';
import type { ServedPath } from '../served-paths';
import { finding, usedPaths, type DoctorCheck, type InstanceContext } from './types';

/** Neutron's default report_interval is 30 s: 50 s without a heartbeat means at least one was missed. */
export const HEARTBEAT_STALE_MS = 50_000;

const agentFields = (a: Agent, now?: number) => ({
  id: a.id,
  agent_type: a.type,
  host: a.host,
  alive: a.alive,
  admin_state_up: a.adminStateUp,
  heartbeat_timestamp: a.heartbeat ?? null,
  ...(heartbeatAge(a, now) !== undefined
    ? { heartbeat_age_s: Math.round((heartbeatAge(a, now) as number) / 1000) }
    : {}),
});

/** Milliseconds since the agent's last heartbeat, on Neutron's clock. */
export function heartbeatAge(a: Agent, now?: number): number | undefined {
  if (!a.heartbeat || now === undefined) return undefined;
  const t = Date.parse(
    a.heartbeat.includes('T') || a.heartbeat.endsWith('Z') ? a.heartbeat : `${a.heartbeat.replace(' ', 'T')}Z`,
  );
  return Number.isFinite(t) ? now - t : undefined;
}

function judgeMetadataAgent(ctx: InstanceContext, a: Agent, base: MetaBase, call: string, where: string): Finding {
  const now = ctx.idx.data.neutronNow;
  const age = heartbeatAge(a, now);
  const evidence: Evidence[] = [{ call, fields: agentFields(a, now) }];
  const sees = 'haproxy answers HTTP 503 "No server is available to handle this request."';
  const fix = `systemctl restart neutron-metadata-agent   # on ${a.host}`;
  if (!a.alive) {
    return finding({
      ...base,
      check: 'agents.metadata-dead',
      severity: 'blocking',
      evidence,
      instanceSees: sees,
      fix,
      title: `The metadata agent ${where} is dead (alive=False)`,
    });
  }
  if (age !== undefined && age > HEARTBEAT_STALE_MS) {
    return finding({
      ...base,
      check: 'agents.metadata-stale',
      severity: 'blocking',
      evidence,
      instanceSees: sees,
      fix,
      title: `The metadata agent ${where} missed its heartbeats (last ${Math.round(age / 1000)} s ago): it has probably stopped`,
      checked: `${base.checked} Neutron keeps alive=True for agent_down_time (75 s by default) after the last heartbeat (every report_interval, 30 s).`,
    });
  }
  return finding({
    ...base,
    check: 'agents.metadata-ok',
    severity: 'ok',
    evidence,
    title: `The metadata agent ${where} is alive`,
  });
}

type MetaBase = { area: 'agents'; backend: 'ml2-ovs'; path: ServedPath; checked: string };

function metadataAgentFindings(ctx: InstanceContext, host: string, path: ServedPath, ns: string): Finding[] {
  const agents = ctx.idx.metadataAgentsByHost.get(host) ?? [];
  const base: MetaBase = {
    area: 'agents',
    backend: 'ml2-ovs',
    path,
    checked: `A live neutron-metadata-agent on ${host}, where haproxy in ${ns} sends the request.`,
  };
  const call = `GET /v2.0/agents?agent_type=Metadata agent&host=${host}`;
  if (agents.length > 0) return agents.map((a) => judgeMetadataAgent(ctx, a, base, call, `on ${host}`));
  const elsewhere = [...ctx.idx.metadataAgentsByHost.values()].flat();
  if (elsewhere.length === 0) {
    return [
      finding({
        ...base,
        check: 'agents.metadata-missing',
        severity: 'blocking',
        title: `No metadata agent on ${host} (none in the cloud)`,
        evidence: [{ call: 'GET /v2.0/agents?agent_type=Metadata agent', fields: { count: 0 } }],
        instanceSees:
          'haproxy has no agent behind its socket: HTTP 503 "No server is available to handle this request."',
        fix: `systemctl enable --now neutron-metadata-agent   # on ${host}`,
      }),
    ];
  }
  // Another `host` option on the same machine is common (set per agent ini): say so, and judge those agents.
  const hosts = [...new Set(elsewhere.map((a) => a.host))];
  const judged = elsewhere.map((a) =>
    judgeMetadataAgent(ctx, a, base, `GET /v2.0/agents?agent_type=Metadata agent&host=${a.host}`, `on ${a.host}`),
  );
  const allDown = judged.every((f) => f.severity === 'blocking');
  const mismatch = finding({
    ...base,
    check: 'agents.metadata-other-host',
    severity: 'warning',
    title: `No metadata agent reports host ${host}; metadata agents report ${hosts.join(', ')}`,
    evidence: [
      { call: 'GET /v2.0/agents?agent_type=Metadata agent', fields: { hosts: hosts.join(','), wanted: host } },
    ],
    instanceSees: `Nothing, if ${hosts.join('/')} is the same machine as ${host} under another host option; otherwise haproxy there answers HTTP 503.`,
    fix: `metadata_agent.ini [DEFAULT] host = ${host}   # the same host name as the L3/DHCP agent on that machine`,
  });
  return [
    mismatch,
    ...judged.map((f) => (allDown || f.severity !== 'blocking' ? f : { ...f, severity: 'warning' as const })),
  ];
}

function hostingFindings(
  ctx: InstanceContext,
  path: ServedPath,
  hosting: Agent[],
  what: 'router' | 'network',
): Finding[] {
  const now = ctx.idx.data.neutronNow;
  const id = what === 'router' ? (path.routerId as string) : path.networkId;
  const ns = `${what === 'router' ? 'qrouter' : 'qdhcp'}-${id}`;
  const kind = what === 'router' ? 'L3' : 'DHCP';
  const call = what === 'router' ? `GET /v2.0/routers/${id}/l3-agents` : `GET /v2.0/networks/${id}/dhcp-agents`;
  const base = {
    area: 'agents' as const,
    backend: 'ml2-ovs' as const,
    path,
    checked: `The ${kind} agents hosting ${what} ${id} (its ${ns} namespace and haproxy).`,
  };
  const out: Finding[] = [];
  for (const a of hosting) {
    const ev = [{ call, fields: agentFields(a, now) }];
    if (!a.alive) {
      out.push(
        finding({
          ...base,
          check: `agents.${what === 'router' ? 'l3' : 'dhcp'}-dead`,
          severity: 'warning',
          evidence: ev,
          title: `The ${kind} agent on ${a.host} hosting ${what} ${id} is dead (alive=False)`,
          instanceSees: `Nothing yet: haproxy in ${ns} outlives the agent and keeps serving; but nothing respawns it or follows changes until the agent is back.`,
          fix: `systemctl restart neutron-${what === 'router' ? 'l3' : 'dhcp'}-agent   # on ${a.host}`,
        }),
      );
    } else if (!a.adminStateUp) {
      out.push(
        finding({
          ...base,
          check: `agents.${what === 'router' ? 'l3' : 'dhcp'}-disabled`,
          severity: 'warning',
          evidence: ev,
          title: `The ${kind} agent on ${a.host} hosting ${what} ${id} is administratively disabled`,
          fix: `openstack network agent set --enable ${a.id}`,
        }),
      );
    } else {
      out.push(
        finding({
          ...base,
          check: `agents.${what === 'router' ? 'l3' : 'dhcp'}-ok`,
          severity: 'ok',
          evidence: ev,
          title: `The ${kind} agent on ${a.host} hosting ${what} ${id} is alive`,
        }),
      );
    }
    out.push(...metadataAgentFindings(ctx, a.host, path, ns));
  }
  return out;
}

function unhosted(ctx: InstanceContext, path: ServedPath, what: 'router' | 'network'): Finding {
  const id = what === 'router' ? (path.routerId as string) : path.networkId;
  const type = what === 'router' ? 'L3 agent' : 'DHCP agent';
  const candidate = ctx.idx.data.agents.find((a) => a.type === type && a.alive && a.adminStateUp);
  return finding({
    check: what === 'router' ? 'agents.router-unhosted' : 'agents.network-unhosted',
    area: 'agents',
    backend: 'ml2-ovs',
    severity: 'blocking',
    path,
    title: `No ${type} hosts ${what} ${id}`,
    checked: `The ${type}s hosting ${what} ${id}.`,
    evidence: [
      {
        call: what === 'router' ? `GET /v2.0/routers/${id}/l3-agents` : `GET /v2.0/networks/${id}/dhcp-agents`,
        fields: { count: 0 },
      },
    ],
    instanceSees: `No ${what === 'router' ? 'qrouter' : 'qdhcp'} namespace and no haproxy: curl to 169.254.169.254 times out.`,
    fix:
      what === 'router'
        ? `openstack network agent add router --l3 ${candidate?.id ?? '<l3-agent-id>'} ${id}`
        : `openstack network agent add network --dhcp ${candidate?.id ?? '<dhcp-agent-id>'} ${id}`,
  });
}

function haFindings(
  ctx: InstanceContext,
  path: ServedPath,
  hosting: Array<{ agent: Agent; haState?: string | null }>,
): Finding[] {
  const router = ctx.idx.router.get(path.routerId as string);
  const states = hosting.filter((h) => h.haState !== undefined && h.haState !== null);
  if (!router?.ha && states.length === 0) return [];
  const active = states.filter((h) => h.haState === 'active');
  const ev = [
    {
      call: `GET /v2.0/routers/${path.routerId}/l3-agents`,
      fields: Object.fromEntries(states.map((h) => [h.agent.host, h.haState ?? null])),
    },
  ];
  const base = {
    area: 'agents' as const,
    backend: 'ml2-ovs' as const,
    path,
    checked: `HA state of router ${path.routerId} on its L3 agents (haproxy runs on the active one only).`,
    evidence: ev,
  };
  if (active.length === 0) {
    return [
      finding({
        ...base,
        check: 'agents.ha-no-active',
        severity: 'blocking',
        title: `HA router ${path.routerId} has no active instance`,
        instanceSees: 'No haproxy runs for it anywhere: curl to 169.254.169.254 times out.',
        fix: `openstack network agent list --router ${path.routerId} --long   # then restart the L3 agents' keepalived`,
      }),
    ];
  }
  if (active.length > 1) {
    return [
      finding({
        ...base,
        check: 'agents.ha-split-brain',
        severity: 'warning',
        title: `HA router ${path.routerId} is active on ${active.length} hosts (${active.map((h) => h.agent.host).join(', ')})`,
        instanceSees: 'Replies may come from either host: metadata works intermittently.',
        fix: `openstack network agent list --router ${path.routerId} --long`,
      }),
    ];
  }
  return [
    finding({
      ...base,
      check: 'agents.ha-ok',
      severity: 'ok',
      title: `HA router ${path.routerId} is active on ${active[0].agent.host}`,
    }),
  ];
}

function pathAgentFindings(ctx: InstanceContext, path: ServedPath): Finding[] {
  const isRouter = path.kind === 'router';
  const hosting = isRouter
    ? ctx.idx.data.routerAgents.get(path.routerId as string)
    : ctx.idx.data.networkAgents.get(path.networkId)?.map((agentId) => ({ agentId, haState: undefined }));
  if (hosting === undefined) return [];
  if (hosting.length === 0) return [unhosted(ctx, path, isRouter ? 'router' : 'network')];
  const resolved = hosting
    .map((h) => ({ agent: ctx.idx.agent.get(h.agentId), haState: h.haState }))
    .filter((h): h is { agent: Agent; haState: string | null | undefined } => !!h.agent);
  const ha = isRouter ? haFindings(ctx, path, resolved) : [];
  // With HA, only the active instance's host runs haproxy: its metadata agent is the one that matters.
  const serving = ha.some((f) => f.check === 'agents.ha-ok')
    ? resolved.filter((h) => h.haState === 'active')
    : resolved;
  return [
    ...ha,
    ...hostingFindings(
      ctx,
      path,
      serving.map((h) => h.agent),
      isRouter ? 'router' : 'network',
    ),
  ];
}

export const agentsCheck: DoctorCheck = {
  id: 'agents',
  backend: 'ml2-ovs',
  run(ctx) {
    const missing = ctx.idx.data.missing.agents ?? ctx.idx.data.missing.hosting;
    if (missing) {
      return [
        finding({
          check: 'agents.not-checked',
          area: 'agents',
          backend: 'ml2-ovs',
          severity: 'info',
          notChecked: missing.reason,
          title: 'The L3, DHCP and metadata agents were not checked',
          checked: missing.detail,
        }),
      ];
    }
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const p of usedPaths(ctx)) {
      const key = p.kind === 'router' ? `r${p.routerId}` : `n${p.networkId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...pathAgentFindings(ctx, p));
    }
    return out;
  },
};
