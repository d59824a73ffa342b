import { describe, expect, it } from 'vitest';
import type { Symptom } from '@shared/models/doctor';
import { HEARTBEAT_STALE_MS } from './checks/agents';
import type { NovaProbe } from './checks/types';
import { diagnose, instanceContext } from './diagnose';
import { indexData, type DoctorData } from './doctor-data';
import { memoryNeutron } from './memory-neutron';
import { createResolver } from '../metadata/resolver';
import { pathKey, usedPaths } from './checks/types';
import { healthyCloud, heartbeatAgo, IDS } from './testing/fixture';

const ok200: NovaProbe = { kind: 'answer', status: 200, url: 'http://nova:8775' };

async function run(data: DoctorData, opts: { nova?: NovaProbe; symptom?: Symptom } = {}) {
  const idx = indexData(data);
  const ctx = instanceContext(idx, IDS.server, opts.symptom);
  const resolver = createResolver({ client: memoryNeutron(data.ports), visibility: 'cloud' });
  const resolutions = new Map();
  for (const p of usedPaths(ctx))
    resolutions.set(
      pathKey(p),
      await resolver.resolve({
        ip: p.ip,
        ...(p.kind === 'router' ? { routerId: p.routerId } : { networkId: p.networkId }),
      }),
    );
  return diagnose(ctx, { backend: 'ml2-ovs', resolutions, nova: opts.nova ?? ok200, apiCalls: 0, durationMs: 0 });
}

const vmPort = (d: DoctorData) => d.ports.find((p) => p.id === IDS.port)!;
const meta = (d: DoctorData) => d.agents.find((a) => a.id === IDS.meta)!;

describe('diagnose: one fault at a time on a healthy cloud', () => {
  it('healthy: no blocking or warning, and it says what was not checked instead of "healthy"', async () => {
    const d = await run(healthyCloud());
    expect(d.verdict).toBe('ok');
    expect(d.findings[0]).toMatchObject({ check: 'below-api.unchecked', severity: 'info' });
    expect(d.findings[0].title).toMatch(/below the API was not checked/);
    expect(d.suspects.map((s) => s.id)).toEqual([
      'haproxy-router',
      'nat-redirect',
      'metadata-agent',
      'agent-secret',
      'nova-proxy-mode',
      'instance-route',
    ]);
    expect(d.suspects[0]).toMatchObject({ host: 'net1', namespace: `qrouter-${IDS.router}` });
    expect(d.suspects.find((s) => s.id === 'metadata-agent')?.commands.join(' ')).toContain(
      '/run/neutron/metadata_proxy',
    );
  });

  const cases: Array<{
    name: string;
    breakIt: (d: DoctorData) => void;
    top: string;
    severity: string;
    fix?: RegExp;
    nova?: NovaProbe;
    symptom?: Symptom;
  }> = [
    {
      name: 'port admin down',
      breakIt: (d) => {
        vmPort(d).adminStateUp = false;
      },
      top: 'port.admin-down',
      severity: 'blocking',
      fix: /openstack port set --enable p-vm/,
    },
    {
      name: 'binding failed',
      breakIt: (d) => {
        vmPort(d).vifType = 'binding_failed';
      },
      top: 'port.binding-failed',
      severity: 'blocking',
    },
    {
      name: 'unbound',
      breakIt: (d) => {
        vmPort(d).vifType = 'unbound';
        vmPort(d).bindingHost = '';
      },
      top: 'port.unbound',
      severity: 'blocking',
      fix: /--host cmp1 p-vm/,
    },
    {
      name: 'port DOWN',
      breakIt: (d) => {
        vmPort(d).status = 'DOWN';
      },
      top: 'port.not-active',
      severity: 'warning',
    },
    {
      name: 'bound elsewhere',
      breakIt: (d) => {
        vmPort(d).bindingHost = 'cmp9';
      },
      top: 'port.host-mismatch',
      severity: 'warning',
      fix: /--host cmp1/,
    },
    {
      name: 'SG without egress',
      breakIt: (d) => {
        d.securityGroups[0].rules = [];
      },
      top: 'sg.egress-blocked',
      severity: 'blocking',
      fix: /--remote-ip 169.254.169.254\/32 sg-1/,
    },
    {
      name: 'router admin down',
      breakIt: (d) => {
        d.routers[0].adminStateUp = false;
      },
      top: 'paths.router-down',
      severity: 'blocking',
      fix: /router set --enable r-1/,
    },
    {
      name: 'router not scheduled',
      breakIt: (d) => {
        d.routerAgents.set(IDS.router, []);
      },
      top: 'agents.router-unhosted',
      severity: 'blocking',
      fix: /agent add router --l3 a-l3 r-1/,
    },
    {
      name: 'L3 agent dead: haproxy keeps serving',
      breakIt: (d) => {
        d.agents[0].alive = false;
      },
      top: 'agents.l3-dead',
      severity: 'warning',
    },
    {
      name: 'metadata agent dead',
      breakIt: (d) => {
        meta(d).alive = false;
      },
      top: 'agents.metadata-dead',
      severity: 'blocking',
    },
    {
      name: 'metadata agent stopped but still alive=True',
      breakIt: (d) => {
        meta(d).heartbeat = heartbeatAgo(HEARTBEAT_STALE_MS / 1000 + 5);
      },
      top: 'agents.metadata-stale',
      severity: 'blocking',
    },
    {
      name: 'no metadata agent anywhere',
      breakIt: (d) => {
        d.agents = d.agents.filter((a) => a.id !== IDS.meta);
      },
      top: 'agents.metadata-missing',
      severity: 'blocking',
    },
    {
      name: 'metadata agent under another host name',
      breakIt: (d) => {
        meta(d).host = 'net1.example';
      },
      top: 'agents.metadata-other-host',
      severity: 'warning',
      fix: /host = net1/,
    },
    {
      name: 'HA router with no active instance',
      breakIt: (d) => {
        d.routers[0].ha = true;
        d.routerAgents.set(IDS.router, [{ agentId: IDS.l3, haState: 'standby' }]);
      },
      top: 'agents.ha-no-active',
      severity: 'blocking',
    },
    {
      name: 'host route to a dead next hop',
      breakIt: (d) => {
        d.subnets[0].hostRoutes = [{ destination: '169.254.169.254/32', nexthop: '10.0.0.99' }];
      },
      top: 'paths.bad-host-route',
      severity: 'blocking',
      fix: /subnet unset --host-route/,
    },
    {
      name: 'gateway not a router interface, DHCP off',
      breakIt: (d) => {
        d.ports = d.ports.filter((p) => p.id !== IDS.rif);
        d.subnets[0].enableDhcp = false;
      },
      top: 'paths.none',
      severity: 'blocking',
    },
    {
      name: 'gateway owned by nobody',
      breakIt: (d) => {
        d.ports = d.ports.filter((p) => p.id !== IDS.rif);
      },
      top: 'paths.gateway-unowned',
      severity: 'warning',
      fix: /router add subnet <router> s-1/,
    },
    {
      name: 'gateway owned by nobody, the instance times out',
      symptom: 'timeout',
      breakIt: (d) => {
        d.ports = d.ports.filter((p) => p.id !== IDS.rif);
      },
      top: 'paths.gateway-unowned',
      severity: 'blocking',
    },
    {
      name: 'gateway owned by nobody, the old router still answers 404',
      symptom: 'http-404',
      breakIt: (d) => {
        d.ports = d.ports.filter((p) => p.id !== IDS.rif);
      },
      top: 'paths.gateway-unowned',
      severity: 'blocking',
    },
    {
      name: 'the same IP twice behind the router',
      breakIt: (d) => {
        d.networks.push({ ...d.networks[0], id: 'n-2', subnetIds: ['s-2'] });
        d.subnets.push({ ...d.subnets[0], id: 's-2', networkId: 'n-2' });
        d.ports.push({
          ...d.ports[1],
          id: 'p-rif2',
          networkId: 'n-2',
          fixedIps: [{ subnetId: 's-2', ip: '10.0.0.1' }],
        });
        d.ports.push({
          ...vmPort(d),
          id: 'p-other',
          networkId: 'n-2',
          deviceId: 'vm-2',
          fixedIps: [{ subnetId: 's-2', ip: '10.0.0.10' }],
        });
      },
      top: 'resolution.ambiguous',
      severity: 'blocking',
    },
    {
      name: 'nova 403',
      nova: { kind: 'answer', status: 403, url: 'u' },
      breakIt: () => {},
      top: 'nova.secret-mismatch',
      severity: 'blocking',
      fix: /metadata_proxy_shared_secret/,
    },
    {
      name: 'nova 400',
      nova: { kind: 'answer', status: 400, url: 'u' },
      breakIt: () => {},
      top: 'nova.not-proxy-mode',
      severity: 'blocking',
      fix: /service_metadata_proxy = true/,
    },
    {
      name: 'nova 404',
      nova: { kind: 'answer', status: 404, url: 'u' },
      breakIt: () => {},
      top: 'nova.not-found',
      severity: 'blocking',
    },
    {
      name: 'nova unreachable from StackLens',
      nova: { kind: 'unreachable', url: 'u', message: 'refused' },
      breakIt: () => {},
      top: 'nova.unreachable',
      severity: 'warning',
    },
    {
      name: 'server gone from nova',
      breakIt: (d) => {
        d.servers = [];
      },
      top: 'server.missing',
      severity: 'blocking',
    },
    {
      name: 'haproxy gone (invisible): the symptom orders the suspects',
      symptom: 'refused',
      breakIt: () => {},
      top: 'below-api.unexplained',
      severity: 'blocking',
    },
  ];

  it.each(cases)('$name -> $top ($severity)', async ({ breakIt, top, severity, fix, nova, symptom }) => {
    const data = healthyCloud();
    breakIt(data);
    const d = await run(data, { nova, symptom });
    expect(d.findings[0]).toMatchObject({ check: top, severity });
    if (fix) expect(d.findings[0].fix).toMatch(fix);
    expect(d.findings[0].checked.length).toBeGreaterThan(10);
  });

  it('symptoms put the matching suspect first', async () => {
    const top = async (symptom: Symptom) => (await run(healthyCloud(), { symptom })).suspects[0].id;
    expect(await top('refused')).toBe('haproxy-router');
    expect(await top('http-503')).toBe('metadata-agent');
    expect(await top('http-403')).toBe('agent-secret');
    expect(await top('timeout')).toBe('nat-redirect');
  });

  it('a member is told what it could not check; offline data says "not checked offline"', async () => {
    const data = healthyCloud();
    data.role = 'member';
    data.missing.agents = { reason: 'role', detail: 'Neutron lists agents to admins only' };
    data.agents = [];
    const d = await run(data);
    expect(d.findings.find((f) => f.check === 'agents.not-checked')).toMatchObject({ notChecked: 'role' });
    expect(d.notChecked.join(' ')).toMatch(/admins only/);
  });

  it('an isolated subnet names the DHCP path and its suspects', async () => {
    const data = healthyCloud();
    data.ports = data.ports.filter((p) => p.id !== IDS.rif);
    data.subnets[0].gatewayIp = null;
    const d = await run(data, { symptom: 'timeout' });
    expect(d.findings.find((f) => f.check === 'paths.isolated')).toBeDefined();
    expect(d.suspects[0]).toMatchObject({ id: 'isolated-metadata', namespace: `qdhcp-${IDS.network}`, host: 'net1' });
  });

  it('config drive turns "no path" into a warning', async () => {
    const data = healthyCloud();
    data.ports = data.ports.filter((p) => p.id !== IDS.rif);
    data.subnets[0].enableDhcp = false;
    data.servers[0].configDrive = true;
    const d = await run(data);
    expect(d.findings[0]).toMatchObject({ check: 'paths.none', severity: 'warning' });
  });
});
