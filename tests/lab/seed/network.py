"""Neutron seed (get-or-create): quotas, networks, subnets, routers with pinned gateways,
router interfaces, DHCP/instance/spare ports, floating IPs. Writes data/network.json."""
import ipaddress
from concurrent.futures import ThreadPoolExecutor

from seedlib import Api, load_part, log, run, save_part, session
import spec


def port_view(p):
    v4 = [ip["ip_address"] for ip in p["fixed_ips"] if ":" not in ip["ip_address"]]
    return {"id": p["id"], "name": p["name"],
            "ip": (v4 or [ip["ip_address"] for ip in p["fixed_ips"]] or [None])[0],
            "ips": [ip["ip_address"] for ip in p["fixed_ips"]],
            "fixedIps": [{"subnetId": ip["subnet_id"], "ip": ip["ip_address"]} for ip in p["fixed_ips"]],
            "mac": p["mac_address"], "networkId": p["network_id"], "deviceId": p["device_id"],
            "deviceOwner": p["device_owner"], "projectId": p["project_id"]}


class Seeder:
    def __init__(self):
        self.ids = load_part("identity")["projects"]
        self.api = Api(session(), spec.NETWORK_URL)
        self.nets, self.subnets, self.routers, self.ports, self.fips = {}, {}, {}, {}, {}

    def ensure(self, coll, key, body, **filters):
        found = self.api.first("/v2.0/" + coll, coll, **filters)
        if found:
            return found
        log("create %s %s" % (key, body.get("name") or body.get("floating_ip_address")))
        return self.api.post("/v2.0/" + coll, {key: body})[key]

    def network(self, name):
        n = spec.NETWORKS[name]
        pid = self.ids[n["project"]]
        body = {"name": name, "project_id": pid}
        if n.get("external"):
            body.update({"router:external": True, "provider:network_type": "flat",
                         "provider:physical_network": "physnet1"})
        net = self.ensure("networks", "network", body, name=name, project_id=pid)
        self.nets[name] = {"id": net["id"], "projectId": pid, "external": bool(n.get("external")),
                           "subnets": {}}
        for sname, (cidr, extra) in n["subnets"].items():
            body = dict({"name": sname, "network_id": net["id"], "cidr": cidr,
                         "ip_version": 4, "project_id": pid}, **extra)
            sub = self.ensure("subnets", "subnet", body, name=sname, network_id=net["id"])
            view = {"id": sub["id"], "cidr": sub["cidr"], "gatewayIp": sub["gateway_ip"],
                    "ipVersion": sub["ip_version"], "network": name}
            self.nets[name]["subnets"][sname] = view
            self.subnets[sname] = view

    def router(self, name):
        r = spec.ROUTERS[name]
        pub = self.nets["public"]
        pid = self.ids[r["project"]]
        gw = {"network_id": pub["id"], "external_fixed_ips": [
            {"subnet_id": pub["subnets"]["public-subnet"]["id"], "ip_address": r["gateway_ip"]}]}
        router = self.ensure("routers", "router", {"name": name, "project_id": pid,
                                                   "external_gateway_info": gw},
                             name=name, project_id=pid)
        if not router.get("external_gateway_info"):
            log("set gateway of %s" % name)
            self.api.put("/v2.0/routers/" + router["id"], {"router": {"external_gateway_info": gw}})
        have = {ip["subnet_id"] for p in self.router_ports(router["id"]) for ip in p["fixed_ips"]}
        for sname in r["subnets"]:
            if self.subnets[sname]["id"] not in have:
                log("attach %s to %s" % (sname, name))
                self.api.put("/v2.0/routers/%s/add_router_interface" % router["id"],
                             {"subnet_id": self.subnets[sname]["id"]})
        ports = self.router_ports(router["id"])
        self.routers[name] = {
            "id": router["id"], "projectId": pid, "gatewayIp": r["gateway_ip"],
            "interfacePorts": [p["id"] for p in ports],
            "interfaces": [{"portId": p["id"], "subnetId": ip["subnet_id"], "ip": ip["ip_address"],
                            "networkId": p["network_id"]} for p in ports for ip in p["fixed_ips"]]}

    def router_ports(self, router_id):
        return self.api.get("/v2.0/ports", device_id=router_id,
                            device_owner="network:router_interface")["ports"]

    def wanted_ports(self):
        """(name, network, subnet, ip, project, extra attributes) of every seeded port."""
        for net, (sub, mac) in spec.DHCP_PORTS.items():
            ip = str(ipaddress.ip_network(self.subnets[sub]["cidr"])[2])
            yield ("dhcp-" + net, net, sub, ip, spec.NETWORKS[net]["project"],
                   {"device_owner": "network:dhcp", "mac_address": mac,
                    "device_id": "dhcp%s-%s" % (spec.DHCP_HOST_ID, self.nets[net]["id"])})
        for name, i in spec.instances().items():
            yield (name, i["network"], i["subnet"], i["ip"], i["project"],
                   {"device_owner": "compute:nova", "device_id": i["id"], "mac_address": i["mac"]})
        for name, (net, sub, ip, project, mac) in spec.SPARE_PORTS.items():
            yield (name, net, sub, ip, project, {"mac_address": mac, "device_id": ""})

    def all_ports(self):
        wanted = list(self.wanted_ports())
        # Filter by name: a lab may hold thousands of test ports.
        existing = {(p["name"], p["network_id"]): p for p in
                    self.api.get("/v2.0/ports", name=[w[0] for w in wanted])["ports"]}
        missing = []
        for name, network, subnet, ip, project, extra in wanted:
            net_id = self.nets[network]["id"]
            if (name, net_id) in existing:
                self.ports[name] = port_view(existing[(name, net_id)])
                continue
            missing.append(dict({
                "name": name, "network_id": net_id, "project_id": self.ids[project],
                "fixed_ips": [{"subnet_id": self.subnets[subnet]["id"], "ip_address": ip}]}, **extra))
        if missing:
            # One bulk request: neutron creates ports much faster in bulk than one by one.
            log("create ports %s" % ", ".join(b["name"] for b in missing))
            for p in self.api.post("/v2.0/ports", {"ports": missing})["ports"]:
                self.ports[p["name"]] = port_view(p)
        self.ports = {w[0]: self.ports[w[0]] for w in wanted}  # stable order

    def floating_ip(self, address):
        inst = spec.FLOATING_IPS[address]
        port = self.ports[inst]
        fip = self.ensure("floatingips", "floatingip", {
            "floating_network_id": self.nets["public"]["id"], "floating_ip_address": address,
            "port_id": port["id"], "project_id": port["projectId"]}, floating_ip_address=address)
        if fip["port_id"] != port["id"]:
            log("re-associate %s with %s" % (address, inst))
            fip = self.api.put("/v2.0/floatingips/" + fip["id"],
                               {"floatingip": {"port_id": port["id"]}})["floatingip"]
        self.fips[address] = {"id": fip["id"], "portId": port["id"], "instance": inst,
                              "fixedIp": fip["fixed_ip_address"], "projectId": fip["project_id"]}


def in_parallel(*calls):
    """Run (function, args...) calls in threads: neutron spends most of a router or floating
    IP call waiting, so independent calls overlap well. Re-raises the first error."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        for f in [pool.submit(c[0], *c[1:]) for c in calls]:
            f.result()


def main():
    s = Seeder()
    in_parallel(*[(s.api.put, "/v2.0/quotas/" + s.ids[p], {"quota": {"port": -1}})
                  for p in ("alpha", "beta")])  # many-port tenants must not hit the default 500
    in_parallel(*[(s.network, n) for n in spec.NETWORKS])
    in_parallel((s.all_ports,), *[(s.router, r) for r in spec.ROUTERS])
    in_parallel(*[(s.floating_ip, a) for a in spec.FLOATING_IPS])
    # Threads finish in any order; keep the outputs in the spec's order.
    s.nets = {n: s.nets[n] for n in spec.NETWORKS}
    s.routers = {r: s.routers[r] for r in spec.ROUTERS}
    s.fips = {a: s.fips[a] for a in spec.FLOATING_IPS}
    save_part("network", {"networks": s.nets, "routers": s.routers, "ports": s.ports,
                          "floatingIps": s.fips})
    log("network: %d networks, %d routers, %d ports, %d floating IPs"
        % (len(s.nets), len(s.routers), len(s.ports), len(s.fips)))


if __name__ == "__main__":
    run(main)
