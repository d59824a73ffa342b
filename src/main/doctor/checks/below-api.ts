/**
 * ML2/OVS: what lives below the API on the path the instance uses (haproxy in the qrouter/qdhcp
 * namespace, the NAT redirect, the metadata agent and its socket, the agent's shared secret, the
 * DHCP agent's isolated-metadata option, the instance's route), with the host and namespace to look
 * at and the commands to run there. The API shows none of it, so the doctor never calls it healthy.
 */
import type { Finding, Suspect, Symptom } from '@shared/models/doctor';
import type { ServedPath } from '../served-paths';
import { finding, usedPaths, type InstanceContext } from './types';

const DEFAULT_SOCKET = '/var/lib/neutron/metadata_proxy';

function hostsOf(ctx: InstanceContext, p: ServedPath): string[] {
  const hosting =
    p.kind === 'router'
      ? ctx.idx.data.routerAgents.get(p.routerId as string)
      : ctx.idx.data.networkAgents.get(p.networkId)?.map((agentId) => ({ agentId, haState: undefined }));
  const active = hosting?.some((h) => h.haState === 'active') ? hosting.filter((h) => h.haState === 'active') : hosting;
  return [...new Set((active ?? []).map((h) => ctx.idx.agent.get(h.agentId)?.host).filter((h): h is string => !!h))];
}

function socketOn(ctx: InstanceContext, host: string | undefined): string {
  const agent = host ? ctx.idx.metadataAgentsByHost.get(host)?.[0] : undefined;
  const s = agent?.configurations.metadata_proxy_socket;
  return typeof s === 'string' && s ? s : DEFAULT_SOCKET;
}

function commonSuspects(ctx: InstanceContext, p: ServedPath, host: string | undefined): Suspect[] {
  const sock = socketOn(ctx, host);
  const header = p.kind === 'router' ? `X-Neutron-Router-ID: ${p.routerId}` : `X-Neutron-Network-ID: ${p.networkId}`;
  return [
    {
      id: 'metadata-agent',
      title: 'neutron-metadata-agent and its unix socket (haproxy answers 503 when nothing accepts on it)',
      host,
      symptoms: ['http-503', 'http-500'],
      commands: [
        'systemctl status neutron-metadata-agent',
        `ls -l ${sock}`,
        `curl -s -o /dev/null -w '%{http_code}\\n' --unix-socket ${sock} -H '${header}' -H 'X-Forwarded-For: ${p.ip}' http://169.254.169.254/openstack`,
      ],
    },
    {
      id: 'agent-secret',
      title: "The agent's metadata_proxy_shared_secret against nova's (nova answers 403 when they differ)",
      host,
      symptoms: ['http-403'],
      commands: [
        'grep -E "^metadata_proxy_shared_secret" /etc/neutron/metadata_agent.ini',
        'grep -E "^metadata_proxy_shared_secret" /etc/nova/nova.conf   # on the nova-api-metadata host',
        'grep -i "shared secrets do not match" /var/log/neutron/metadata-agent.log | tail -3',
      ],
    },
    {
      id: 'nova-proxy-mode',
      title: "nova-api-metadata's [neutron] service_metadata_proxy (400/404 when off)",
      symptoms: ['http-400', 'http-404'],
      commands: ['grep -E "^service_metadata_proxy" /etc/nova/nova.conf   # on the nova-api-metadata host'],
    },
  ];
}

function routerSuspects(ctx: InstanceContext, p: ServedPath): Suspect[] {
  const host = hostsOf(ctx, p)[0];
  const ns = `qrouter-${p.routerId}`;
  return [
    {
      id: 'haproxy-router',
      title: `haproxy in ${ns}, listening on 9697 (connection refused when it is gone)`,
      host,
      namespace: ns,
      symptoms: ['refused'],
      commands: [
        `ip netns exec ${ns} ss -ltnp 'sport = :9697'`,
        `pgrep -af "haproxy.*${p.routerId}"`,
        'grep -E "metadata-proxy|Respawning" /var/log/neutron/l3-agent.log | tail -5',
      ],
    },
    {
      id: 'nat-redirect',
      title: `The REDIRECT of 169.254.169.254:80 to 9697 and the qr- interface in ${ns}`,
      host,
      namespace: ns,
      symptoms: ['timeout', 'refused'],
      commands: [`ip netns exec ${ns} iptables -t nat -S | grep 169.254.169.254`, `ip netns exec ${ns} ip -br addr`],
    },
    ...commonSuspects(ctx, p, host),
    {
      id: 'instance-route',
      title: "The instance's own route and ARP towards its gateway",
      symptoms: ['timeout'],
      commands: [
        'ip route get 169.254.169.254   # inside the instance',
        'ip neigh   # inside the instance: is the gateway REACHABLE?',
      ],
    },
  ];
}

function dhcpSuspects(ctx: InstanceContext, p: ServedPath): Suspect[] {
  const host = hostsOf(ctx, p)[0];
  const ns = `qdhcp-${p.networkId}`;
  return [
    {
      id: 'isolated-metadata',
      title: `The DHCP agent's enable_isolated_metadata / force_metadata (without them ${ns} has no 169.254.169.254 and no haproxy)`,
      host,
      namespace: ns,
      symptoms: ['timeout'],
      commands: [
        'grep -E "^(enable_isolated_metadata|force_metadata)" /etc/neutron/dhcp_agent.ini',
        `ip netns exec ${ns} ip -br addr | grep 169.254.169.254`,
      ],
    },
    {
      id: 'haproxy-dhcp',
      title: `haproxy in ${ns}, bound to 169.254.169.254:80`,
      host,
      namespace: ns,
      symptoms: ['refused', 'timeout'],
      commands: [`ip netns exec ${ns} ss -ltnp 'sport = :80'`, `pgrep -af "haproxy.*${p.networkId}"`],
    },
    ...commonSuspects(ctx, p, host),
    {
      id: 'instance-route',
      title: "The instance's route to 169.254.169.254 via the DHCP port (DHCP option 121, given only at lease time)",
      symptoms: ['timeout'],
      commands: ['ip route | grep 169.254.169.254   # inside the instance'],
    },
  ];
}

/** Below-the-API suspects for the paths the instance uses; those matching the symptom first. */
export function belowApiSuspects(ctx: InstanceContext): Suspect[] {
  const seen = new Set<string>();
  const all: Suspect[] = [];
  for (const p of usedPaths(ctx)) {
    for (const s of p.kind === 'router' ? routerSuspects(ctx, p) : dhcpSuspects(ctx, p)) {
      const key = `${s.id}|${s.namespace ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(s);
    }
  }
  const symptom = ctx.symptom;
  if (!symptom || symptom === 'ok') return all;
  return [...all.filter((s) => s.symptoms.includes(symptom)), ...all.filter((s) => !s.symptoms.includes(symptom))];
}

const SEES: Record<Symptom, string> = {
  timeout: 'curl to 169.254.169.254 times out',
  refused: 'the connection to 169.254.169.254:80 is refused',
  'http-503': 'HTTP 503 from the metadata proxy',
  'http-500': 'HTTP 500 from the metadata agent',
  'http-404': 'HTTP 404',
  'http-403': 'HTTP 403',
  'http-400': 'HTTP 400',
  ok: 'its metadata (200)',
};

/** The closing finding: what the API cannot show, said plainly (never "healthy"). */
export function belowApiFinding(ctx: InstanceContext, suspects: Suspect[], apiBlocked: boolean): Finding | undefined {
  if (suspects.length === 0) return undefined;
  const where = suspects
    .slice(0, 2)
    .map((s) => `${s.title}${s.host ? ` on ${s.host}` : ''}`)
    .join('; then ');
  const symptom = ctx.symptom;
  if (symptom && symptom !== 'ok' && !apiBlocked) {
    return finding({
      check: 'below-api.unexplained',
      area: 'below-api',
      backend: 'ml2-ovs',
      severity: 'blocking',
      notChecked: 'api-invisible',
      title: `The instance sees ${SEES[symptom]} and nothing the API shows explains it: look below the API, first at ${suspects[0].title}`,
      checked: `Every check the API allows passed. Below the API, most likely first: ${where}.`,
      instanceSees: SEES[symptom],
      fix: suspects[0].commands[0],
    });
  }
  return finding({
    check: 'below-api.unchecked',
    area: 'below-api',
    backend: 'ml2-ovs',
    severity: 'info',
    notChecked: 'api-invisible',
    title: apiBlocked
      ? 'Below the API (not checked): fix the blocking findings first'
      : 'Every check the API allows passed; what lives below the API was not checked',
    checked: `If the instance still fails, look at: ${where}${suspects.length > 2 ? ` (and ${suspects.length - 2} more below)` : ''}.`,
  });
}
