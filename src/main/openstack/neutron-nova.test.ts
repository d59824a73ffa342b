import { describe, expect, it } from 'vitest';
import { toFloatingIp, toNetwork, toPort, toRouter, toSecurityGroup, toSubnet } from './neutron';
import { configDriveFlag, toServer } from './nova';

describe('Neutron normalisation', () => {
  it('reads a router with its gateway, and one without', () => {
    expect(
      toRouter({
        id: 'r1',
        name: 'alpha-router',
        tenant_id: 'p1',
        project_id: 'p1',
        status: 'ACTIVE',
        admin_state_up: true,
        ha: false,
        external_gateway_info: {
          network_id: 'pub',
          enable_snat: true,
          external_fixed_ips: [{ subnet_id: 's-pub', ip_address: '203.0.113.101' }],
        },
      }),
    ).toEqual({
      id: 'r1',
      name: 'alpha-router',
      projectId: 'p1',
      status: 'ACTIVE',
      adminStateUp: true,
      ha: false,
      externalGateway: { networkId: 'pub', enableSnat: true, fixedIps: [{ subnetId: 's-pub', ip: '203.0.113.101' }] },
    });
    // A member sees no ha / distributed; an old Neutron only tenant_id.
    expect(
      toRouter({
        id: 'r2',
        name: '',
        tenant_id: 'p2',
        status: 'ACTIVE',
        admin_state_up: false,
        external_gateway_info: null,
      }),
    ).toEqual({ id: 'r2', name: '', projectId: 'p2', status: 'ACTIVE', adminStateUp: false });
  });

  it('reads the binding, vif type and port security an admin sees; a member gets none of it', () => {
    const base = { id: 'p', network_id: 'n', project_id: 'a', fixed_ips: [], status: 'ACTIVE' };
    expect(
      toPort({
        ...base,
        'binding:host_id': 'compute-1',
        'binding:vif_type': 'binding_failed',
        security_groups: ['sg1', 'sg2'],
        port_security_enabled: false,
      }),
    ).toMatchObject({
      bindingHostId: 'compute-1',
      vifType: 'binding_failed',
      securityGroupIds: ['sg1', 'sg2'],
      portSecurityEnabled: false,
    });
    const member = toPort({ ...base, security_groups: [] });
    expect(member).not.toHaveProperty('bindingHostId');
    expect(member).not.toHaveProperty('vifType');
    expect(member.securityGroupIds).toEqual([]);
    expect(toSecurityGroup({ id: 'sg1', name: 'default', tenant_id: 'a' })).toEqual({
      id: 'sg1',
      name: 'default',
      projectId: 'a',
    });
  });

  it('reads networks, subnets, ports and floating IPs', () => {
    expect(
      toNetwork({
        id: 'n',
        name: 'public',
        project_id: 'a',
        status: 'ACTIVE',
        shared: false,
        'router:external': true,
        subnets: ['s'],
        mtu: 1500,
      }),
    ).toEqual({
      id: 'n',
      name: 'public',
      projectId: 'a',
      status: 'ACTIVE',
      shared: false,
      external: true,
      subnetIds: ['s'],
      mtu: 1500,
    });
    expect(
      toSubnet({
        id: 's',
        name: 'v6',
        network_id: 'n',
        project_id: 'a',
        cidr: '2001:db8:a::/64',
        ip_version: 6,
        gateway_ip: null,
        enable_dhcp: true,
        ipv6_address_mode: 'slaac',
        ipv6_ra_mode: 'slaac',
      }),
    ).toMatchObject({
      ipVersion: 6,
      gatewayIp: null,
      ipv6AddressMode: 'slaac',
    });
    expect(
      toPort({
        id: 'p',
        name: 'alpha-spare',
        network_id: 'n',
        project_id: 'a',
        mac_address: 'fa:16:3e:00:00:01',
        fixed_ips: [{ subnet_id: 's', ip_address: '10.0.0.20' }],
        device_owner: '',
        device_id: '',
        status: 'DOWN',
        admin_state_up: true,
      }),
    ).toEqual({
      id: 'p',
      name: 'alpha-spare',
      networkId: 'n',
      projectId: 'a',
      macAddress: 'fa:16:3e:00:00:01',
      fixedIps: [{ subnetId: 's', ip: '10.0.0.20' }],
      deviceOwner: '',
      deviceId: '',
      status: 'DOWN',
      adminStateUp: true,
    });
    expect(
      toFloatingIp({
        id: 'f',
        floating_ip_address: '203.0.113.130',
        fixed_ip_address: null,
        port_id: null,
        router_id: null,
        floating_network_id: 'pub',
        project_id: 'a',
        status: 'DOWN',
      }),
    ).toEqual({
      id: 'f',
      floatingIp: '203.0.113.130',
      fixedIp: null,
      portId: null,
      routerId: null,
      networkId: 'pub',
      projectId: 'a',
      status: 'DOWN',
    });
  });
});

describe('Nova normalisation', () => {
  it.each([
    ['True', true],
    ['true', true],
    ['1', true],
    [true, true],
    ['', false],
    ['False', false],
    [null, false],
    [undefined, false],
  ])('config_drive %j -> %s', (value, flag) => {
    expect(configDriveFlag(value)).toBe(flag);
  });

  it('reads a server detail (2.47) with addresses, flavor and host', () => {
    const server = toServer({
      id: '1111',
      name: 'alpha-vm1',
      status: 'ACTIVE',
      tenant_id: 'alpha',
      config_drive: 'True',
      key_name: 'alpha-key',
      created: '2026-11-25T10:00:00Z',
      flavor: { original_name: 'm1.tiny', vcpus: 1 },
      'OS-EXT-SRV-ATTR:host': 'oslab',
      user_data: 'I2Nsb3VkLWNvbmZpZw==',
      metadata: { 'lab-role': 'x' },
      addresses: {
        'alpha-net': [
          { addr: '10.0.0.10', version: 4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:10' },
          {
            addr: '203.0.113.110',
            version: 4,
            'OS-EXT-IPS:type': 'floating',
            'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:10',
          },
          { addr: '2001:db8:a::f816:3eff:fe00:10', version: 6, 'OS-EXT-IPS:type': 'fixed' },
        ],
      },
    });
    expect(server).toEqual({
      id: '1111',
      name: 'alpha-vm1',
      status: 'ACTIVE',
      projectId: 'alpha',
      configDrive: true,
      keyName: 'alpha-key',
      created: '2026-11-25T10:00:00Z',
      flavor: 'm1.tiny',
      host: 'oslab',
      addresses: [
        { network: 'alpha-net', ip: '10.0.0.10', version: 4, type: 'fixed', mac: 'fa:16:3e:00:00:10' },
        { network: 'alpha-net', ip: '203.0.113.110', version: 4, type: 'floating', mac: 'fa:16:3e:00:00:10' },
        { network: 'alpha-net', ip: '2001:db8:a::f816:3eff:fe00:10', version: 6, type: 'fixed' },
      ],
    });
    // user_data and metadata never make it into the model.
    expect(JSON.stringify(server)).not.toContain('I2Nsb3VkLWNvbmZpZw');
  });

  it('keeps the security group names once each (Nova lists a group per port)', () => {
    const server = toServer({
      id: '3',
      name: 'x',
      status: 'ACTIVE',
      tenant_id: 'b',
      security_groups: [{ name: 'default' }, { name: 'web' }, { name: 'default' }],
    });
    expect(server.securityGroups).toEqual(['default', 'web']);
  });

  it('reads an old-style flavor reference', () => {
    expect(
      toServer({
        id: '2',
        name: 'x',
        status: 'SHUTOFF',
        tenant_id: 'b',
        config_drive: '',
        flavor: { id: '42', links: [] },
        addresses: {},
      }).flavor,
    ).toBe('42');
  });
});
