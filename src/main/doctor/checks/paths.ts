/**
 * ML2/OVS: which path each IPv4 address of the instance really uses to reach 169.254.169.254 (the
 * shared served-paths model) and what the API says about it: a router that is down, a subnet whose
 * gateway lost its router interface (nothing else in the API shows it), no path at all (then only a
 * config drive helps), an isolated subnet that depends on an agent option the API cannot show.
 */
import type { Finding } from '@shared/models/doctor';
import type { DoctorSubnet } from '../doctor-data';
import type { MetadataRoute } from '../served-paths';
import { finding, label, type DoctorCheck, type InstanceContext } from './types';

const subnetCall = (s: DoctorSubnet) => ({
  call: `GET /v2.0/subnets/${s.id}`,
  fields: {
    cidr: s.cidr,
    gateway_ip: s.gatewayIp,
    enable_dhcp: s.enableDhcp,
    host_routes: s.hostRoutes ? s.hostRoutes.map((r) => `${r.destination}>${r.nexthop}`).join(',') : null,
  },
});

/** A router with an interface on the same network but none owning this subnet's gateway: an interface was removed. */
function orphanedGateway(ctx: InstanceContext, r: MetadataRoute, s: DoctorSubnet, portId: string): Finding | undefined {
  const pp = ctx.portPaths.get(portId);
  const routerId = pp?.routerIds[0];
  if (!routerId || !s.gatewayIp) return undefined;
  const router = ctx.idx.router.get(routerId);
  const name = router?.name || routerId;
  return finding({
    check: 'paths.interface-removed',
    area: 'paths',
    backend: 'ml2-ovs',
    severity: 'blocking',
    portId,
    title: `No router interface owns ${s.cidr}'s gateway ${s.gatewayIp}, though router ${name} is on this network`,
    checked: `Router interface ports on subnet ${s.id} (does one own the gateway?) and the other routes to ${r.ip}'s metadata.`,
    evidence: [
      subnetCall(s),
      {
        call: `GET /v2.0/ports?network_id=${s.networkId}&device_owner=network:router_interface`,
        fields: {
          router_id: routerId,
          interfaces_on_network: (ctx.idx.interfacesByNetwork.get(s.networkId) ?? []).length,
          interface_on_subnet: false,
        },
      },
    ],
    instanceSees: `An instance that got its lease while the router was there sends 169.254.169.254 to ${s.gatewayIp}: nobody answers ARP, curl times out.`,
    fix: `openstack router add subnet ${routerId} ${s.id}`,
  });
}

/**
 * An isolated subnet: served by the DHCP agent if enable_isolated_metadata is on (the API cannot
 * show it), and only for instances whose lease carries the option-121 route. With a gateway that
 * no port owns, the API cannot tell a subnet built isolated from one whose router interface was
 * removed: both are named, and an instance that times out confirms the problem.
 */
function isolatedFinding(r: MetadataRoute, s: DoctorSubnet, portId: string): Finding {
  const checked = `${r.why} Whether the agent serves metadata is dhcp_agent.ini enable_isolated_metadata / force_metadata, which the API does not show.`;
  if (!s.gatewayIp) {
    return finding({
      check: 'paths.isolated',
      area: 'paths',
      backend: 'ml2-ovs',
      severity: 'info',
      notChecked: 'api-invisible',
      portId,
      path: r.path ?? undefined,
      title: `${r.ip} is on isolated subnet ${s.cidr}: metadata comes from the DHCP agent only if enable_isolated_metadata is on`,
      checked,
      evidence: [subnetCall(s)],
      fix: 'dhcp_agent.ini [DEFAULT] enable_isolated_metadata = true   # then restart neutron-dhcp-agent',
    });
  }
  return finding({
    check: 'paths.gateway-unowned',
    area: 'paths',
    backend: 'ml2-ovs',
    severity: 'warning',
    notChecked: 'api-invisible',
    portId,
    path: r.path ?? undefined,
    // A removed interface: timeout once the qr- device is gone; 404 while the L3 agent lags
    // (its haproxy still answers for the router, which no longer has this network); refused while
    // the DHCP agent takes 169.254.169.254 over. All three were seen on the lab's data path.
    confirms: ['timeout', 'http-404', 'refused'],
    title: `No port owns ${s.cidr}'s gateway ${s.gatewayIp}: metadata relies on the DHCP agent's enable_isolated_metadata and the instance's option-121 route (or a router interface was removed)`,
    checked,
    evidence: [
      subnetCall(s),
      { call: `GET /v2.0/ports?fixed_ips=ip_address=${s.gatewayIp}&network_id=${s.networkId}`, fields: { count: 0 } },
    ],
    instanceSees: `Works only if the DHCP agent serves isolated metadata and the instance's lease carries the 169.254.169.254 route; an instance set up while a router held ${s.gatewayIp} sends to it and times out (or gets 404 while the L3 agent still has the old qr- device, or connection refused).`,
    fix: `openstack router add subnet <router> ${s.id}   # if a router served this subnet; else dhcp_agent.ini enable_isolated_metadata = true and restart neutron-dhcp-agent`,
  });
}

function routeFinding(ctx: InstanceContext, r: MetadataRoute, portId: string): Finding | undefined {
  const s = ctx.idx.subnet.get(r.subnetId);
  if (!s) return undefined;
  const cd = ctx.server?.configDrive === true;
  if (r.via === 'dhcp-route') return orphanedGateway(ctx, r, s, portId) ?? isolatedFinding(r, s, portId);
  if (!r.path) {
    const dhcp = r.via === 'none';
    return finding({
      check: dhcp ? 'paths.none' : 'paths.bad-host-route',
      area: 'paths',
      backend: 'ml2-ovs',
      severity: cd ? 'warning' : 'blocking',
      portId,
      title: dhcp
        ? `No metadata path for ${r.ip}: no router owns ${s.cidr}'s gateway and DHCP is off`
        : `The 169.254.169.254 host route of ${s.cidr} points at ${r.nextHop}, which serves no metadata`,
      checked: r.why,
      evidence: [subnetCall(s)],
      instanceSees: cd
        ? 'Nothing answers 169.254.169.254; cloud-init reads the config drive instead.'
        : 'Nothing answers 169.254.169.254: curl times out and cloud-init finds no datasource.',
      fix: dhcp
        ? `openstack subnet set --dhcp ${s.id}   # with enable_isolated_metadata on the DHCP agent; or: openstack router add subnet <router> ${s.id}`
        : `openstack subnet unset --host-route destination=169.254.169.254/32,gateway=${r.nextHop} ${s.id}`,
    });
  }
  const router = r.path.kind === 'router' ? ctx.idx.router.get(r.path.routerId as string) : undefined;
  if (router && !router.adminStateUp) {
    return finding({
      check: 'paths.router-down',
      area: 'paths',
      backend: 'ml2-ovs',
      severity: 'blocking',
      portId,
      path: r.path,
      title: `Router ${label(router.name, router.id)} is administratively down`,
      checked: r.why,
      evidence: [{ call: `GET /v2.0/routers/${router.id}`, fields: { admin_state_up: false, status: router.status } }],
      instanceSees: 'The router namespace drops everything: curl to 169.254.169.254 times out.',
      fix: `openstack router set --enable ${router.id}`,
    });
  }
  const via =
    r.path.kind === 'router'
      ? `router ${label(router?.name ?? r.path.routerName, r.path.routerId as string)}`
      : `the DHCP port of ${r.path.networkName ?? r.path.networkId}`;
  return finding({
    check: 'paths.used',
    area: 'paths',
    backend: 'ml2-ovs',
    severity: 'ok',
    portId,
    path: r.path,
    title: `${r.ip} reaches 169.254.169.254 through ${via}`,
    checked: r.why,
    evidence: [
      subnetCall(s),
      ...(router
        ? [
            {
              call: `GET /v2.0/routers/${router.id}`,
              fields: { admin_state_up: router.adminStateUp, status: router.status },
            },
          ]
        : []),
    ],
  });
}

export const pathsCheck: DoctorCheck = {
  id: 'paths',
  backend: 'ml2-ovs',
  run(ctx) {
    const out: Finding[] = [];
    for (const [portId, pp] of ctx.portPaths) {
      for (const r of pp.routes) {
        const f = routeFinding(ctx, r, portId);
        if (f) out.push(f);
      }
      if (pp.routes.length === 0) {
        out.push(
          finding({
            check: 'paths.no-ipv4',
            area: 'paths',
            backend: 'ml2-ovs',
            severity: 'info',
            portId,
            title: `Port ${portId} has no IPv4 address: only IPv6 metadata (fe80::a9fe:a9fe) could serve it`,
            checked:
              "IPv4 fixed IPs of the port. Zed's L3 agent does not serve fe80::a9fe:a9fe; the DHCP agent does on IPv6 subnets.",
          }),
        );
      }
    }
    if (ctx.server?.configDrive) {
      out.push(
        finding({
          check: 'paths.config-drive',
          area: 'paths',
          severity: 'info',
          title: 'The instance has a config drive: cloud-init reads it before the metadata service',
          checked: 'config_drive of the server.',
          evidence: [{ call: `GET /servers/${ctx.instanceId}`, fields: { config_drive: true } }],
        }),
      );
    }
    if (ctx.idx.data.missing.hostRoutes) {
      out.push(
        finding({
          check: 'paths.host-routes-not-checked',
          area: 'paths',
          severity: 'info',
          notChecked: ctx.idx.data.missing.hostRoutes.reason,
          title: 'Subnet host routes were not checked: the gateway is assumed to carry 169.254.169.254',
          checked: ctx.idx.data.missing.hostRoutes.detail,
        }),
      );
    }
    return out;
  },
};
