/**
 * Test support: a small healthy ML2/OVS cloud as DoctorData (one router on one subnet, a DHCP
 * port, L3/DHCP/metadata agents on host net1, a default security group, one ACTIVE instance),
 * which each table case breaks in one way.
 */
import type { DoctorData, DoctorPort, SecurityGroupRule } from '../doctor-data';

export const IDS = {
  router: 'r-1',
  network: 'n-1',
  subnet: 's-1',
  port: 'p-vm',
  dhcpPort: 'p-dhcp',
  rif: 'p-rif',
  sg: 'sg-1',
  server: 'vm-1',
  project: 'proj-1',
  l3: 'a-l3',
  dhcp: 'a-dhcp',
  meta: 'a-meta',
} as const;

export const NOW = Date.parse('2026-11-30T20:00:00Z');
const beat = (agoS: number) => new Date(NOW - agoS * 1000).toISOString().replace('T', ' ').replace('Z', '');

export const egressAll: SecurityGroupRule = {
  id: 'rule-egress',
  direction: 'egress',
  ethertype: 'IPv4',
  protocol: null,
  portMin: null,
  portMax: null,
  remoteIpPrefix: null,
  remoteGroupId: null,
};

function port(p: Partial<DoctorPort> & Pick<DoctorPort, 'id' | 'deviceOwner' | 'deviceId' | 'fixedIps'>): DoctorPort {
  return {
    name: '',
    networkId: IDS.network,
    projectId: IDS.project,
    macAddress: 'fa:16:3e:00:00:01',
    status: 'ACTIVE',
    adminStateUp: true,
    ...p,
  };
}

export function healthyCloud(): DoctorData {
  return {
    cloudId: 'c',
    mode: 'live',
    role: 'admin',
    routers: [{ id: IDS.router, name: 'router1', projectId: IDS.project, status: 'ACTIVE', adminStateUp: true }],
    networks: [
      {
        id: IDS.network,
        name: 'net1',
        projectId: IDS.project,
        status: 'ACTIVE',
        shared: false,
        external: false,
        subnetIds: [IDS.subnet],
      },
    ],
    subnets: [
      {
        id: IDS.subnet,
        name: 'sub1',
        networkId: IDS.network,
        projectId: IDS.project,
        cidr: '10.0.0.0/24',
        ipVersion: 4,
        gatewayIp: '10.0.0.1',
        enableDhcp: true,
        hostRoutes: [],
      },
    ],
    ports: [
      port({
        id: IDS.port,
        deviceOwner: 'compute:nova',
        deviceId: IDS.server,
        fixedIps: [{ subnetId: IDS.subnet, ip: '10.0.0.10' }],
        bindingHost: 'cmp1',
        vifType: 'ovs',
        portSecurity: true,
        securityGroups: [IDS.sg],
      }),
      port({
        id: IDS.rif,
        deviceOwner: 'network:router_interface',
        deviceId: IDS.router,
        fixedIps: [{ subnetId: IDS.subnet, ip: '10.0.0.1' }],
        macAddress: 'fa:16:3e:00:00:fe',
      }),
      port({
        id: IDS.dhcpPort,
        deviceOwner: 'network:dhcp',
        deviceId: 'dhcp-x',
        fixedIps: [{ subnetId: IDS.subnet, ip: '10.0.0.2' }],
        macAddress: 'fa:16:3e:00:00:02',
      }),
    ],
    servers: [
      {
        id: IDS.server,
        name: 'vm1',
        status: 'ACTIVE',
        projectId: IDS.project,
        configDrive: false,
        addresses: [],
        host: 'cmp1',
      },
    ],
    securityGroups: [{ id: IDS.sg, name: 'default', rules: [egressAll] }],
    agents: [
      {
        id: IDS.l3,
        type: 'L3 agent',
        binary: 'neutron-l3-agent',
        host: 'net1',
        alive: true,
        adminStateUp: true,
        heartbeat: beat(10),
        configurations: {},
      },
      {
        id: IDS.dhcp,
        type: 'DHCP agent',
        binary: 'neutron-dhcp-agent',
        host: 'net1',
        alive: true,
        adminStateUp: true,
        heartbeat: beat(10),
        configurations: {},
      },
      {
        id: IDS.meta,
        type: 'Metadata agent',
        binary: 'neutron-metadata-agent',
        host: 'net1',
        alive: true,
        adminStateUp: true,
        heartbeat: beat(10),
        configurations: { metadata_proxy_socket: '/run/neutron/metadata_proxy' },
      },
    ],
    routerAgents: new Map([[IDS.router, [{ agentId: IDS.l3 }]]]),
    networkAgents: new Map([[IDS.network, [IDS.dhcp]]]),
    missing: {},
    neutronNow: NOW,
  };
}

/** The same time format Neutron uses for heartbeat_timestamp, `agoS` seconds before NOW. */
export const heartbeatAgo = beat;
