"""Seed of the OVN lab (get-or-create): Keystone region RegionOVN (identity and compute as in
RegionOne, network = the OVN lab's neutron-server), then in that neutron: alpha-net / beta-net
(both 10.0.0.0/24, DHCP on), a router each, and the instances' ports with the same MACs and
device ids as in the control-plane lab (nova's records are shared). Writes data/ovn.json.
Env: LAB_DIR (the control-plane lab), OVN_LAB_DIR, OVN_NEUTRON_URL, OVN_REGION, OVN_HOST."""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seed"))
from seedlib import Api, load_part, log, run, session, write_json  # noqa: E402
import spec  # noqa: E402

OVN_DIR = os.environ["OVN_LAB_DIR"]
NEUTRON = os.environ["OVN_NEUTRON_URL"]
REGION = os.environ["OVN_REGION"]
HOST = os.environ["OVN_HOST"]

NETWORKS = {"alpha-net": "alpha", "beta-net": "beta"}
# port name -> (network, ip, instance whose uuid/MAC it carries, plugged as a netns?)
PORTS = {
    "alpha-vm1-port": ("alpha-net", "10.0.0.10", "alpha-vm1", True),
    "beta-vm1-port": ("beta-net", "10.0.0.10", "beta-vm1", True),
    # Bound in Neutron (binding:host_id) but never plugged: OVN's Port_Binding has no chassis.
    "alpha-unbound-port": ("alpha-net", "10.0.0.20", "alpha-vm2", False),
}


def region(ks):
    if REGION not in [r["id"] for r in ks.get("/regions")["regions"]]:
        log("create region " + REGION)
        ks.post("/regions", {"region": {"id": REGION, "description": "StackLens OVN lab"}})
    urls = {"identity": spec.AUTH_URL, "compute": spec.COMPUTE_URL, "network": NEUTRON}
    for stype, url in urls.items():
        svc = ks.first("/services", "services", type=stype)
        eps = ks.get("/endpoints", service_id=svc["id"], region_id=REGION)["endpoints"]
        for iface in ("public", "internal", "admin"):
            mine = [e for e in eps if e["interface"] == iface and e.get("region_id") == REGION]
            if not mine:
                log("create %s %s endpoint in %s" % (stype, iface, REGION))
                ks.post("/endpoints", {"endpoint": {"service_id": svc["id"], "interface": iface,
                                                    "url": url, "region_id": REGION}})
            elif mine[0]["url"] != url:
                ks.call("PATCH", "/endpoints/" + mine[0]["id"], {"endpoint": {"url": url}})


def ensure(api, coll, key, body, **filters):
    found = api.first("/v2.0/" + coll, coll, **filters)
    return found or api.post("/v2.0/" + coll, {key: body})[key]


def network(api, name, pid):
    net = ensure(api, "networks", "network", {"name": name, "project_id": pid}, name=name, project_id=pid)
    sname = name.replace("-net", "-subnet")
    sub = ensure(api, "subnets", "subnet", {
        "name": sname, "network_id": net["id"], "cidr": "10.0.0.0/24", "ip_version": 4,
        "gateway_ip": "10.0.0.1", "enable_dhcp": True, "project_id": pid}, name=sname, network_id=net["id"])
    rname = name.replace("-net", "-router")
    router = ensure(api, "routers", "router", {"name": rname, "project_id": pid}, name=rname, project_id=pid)
    if not api.get("/v2.0/ports", device_id=router["id"], network_id=net["id"])["ports"]:
        log("attach %s to %s" % (sname, rname))
        api.put("/v2.0/routers/%s/add_router_interface" % router["id"], {"subnet_id": sub["id"]})
    md = api.get("/v2.0/ports", network_id=net["id"], device_owner="network:distributed")["ports"]
    return {"id": net["id"], "name": name, "projectId": pid, "subnetId": sub["id"], "cidr": sub["cidr"],
            "gatewayIp": sub["gateway_ip"], "routerId": router["id"], "routerName": rname,
            "metadataPort": {"id": md[0]["id"], "ips": [f["ip_address"] for f in md[0]["fixed_ips"]]} if md else None}


def port(api, name, nets, pids):
    netname, ip, inst, plugged = PORTS[name]
    i = spec.instances()[inst]
    net = nets[netname]
    p = ensure(api, "ports", "port", {
        "name": name, "network_id": net["id"], "project_id": pids[i["project"]],
        "mac_address": i["mac"], "fixed_ips": [{"subnet_id": net["subnetId"], "ip_address": ip}],
        "device_owner": "compute:nova", "device_id": i["id"], "binding:host_id": HOST},
        name=name, network_id=net["id"])
    if p.get("binding:host_id") != HOST:
        p = api.put("/v2.0/ports/" + p["id"], {"port": {"binding:host_id": HOST}})["port"]
    return {"id": p["id"], "name": name, "ip": ip, "mac": p["mac_address"], "networkId": net["id"],
            "network": netname, "deviceId": p["device_id"], "projectId": p["project_id"],
            "instance": inst, "plugged": plugged, "vifType": p.get("binding:vif_type")}


def main():
    ids = load_part("identity")
    pids = ids["projects"]
    sess = session()
    region(Api(sess, spec.AUTH_URL))
    api = Api(sess, NEUTRON)
    for p in ("alpha", "beta"):
        api.put("/v2.0/quotas/" + pids[p], {"quota": {"port": -1}})
    # Router interfaces are slow in Zed's OVN driver (it retries provisioning for ~5 s): in parallel.
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {n: pool.submit(network, api, n, pids[proj]) for n, proj in NETWORKS.items()}
        nets = {n: f.result() for n, f in futures.items()}
    ports = {n: port(api, n, nets, pids) for n in PORTS}
    write_json(os.path.join(OVN_DIR, "data", "ovn.json"), {"networks": nets, "ports": ports})
    bad = [p["name"] for p in ports.values() if p["vifType"] in ("binding_failed", "unbound")]
    if bad:
        raise SystemExit("[seed] ERROR: ML2/OVN did not bind %s (no OVN chassis with hostname %s?)" % (bad, HOST))
    log("ovn: %d networks, %d ports" % (len(nets), len(ports)))


if __name__ == "__main__":
    run(main)
