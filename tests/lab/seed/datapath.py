"""API work for the lab's data path (tests/lab/lib/datapath.sh and fault.sh).

  datapath.py prepare SINCE     bind the instance ports to host oslab, let the DHCP agent adopt the
                                seeded DHCP ports, wait for the 3 agents (started after SINCE, epoch)
                                and schedule the networks that have a seeded DHCP port; writes
                                data/datapath.json (what each instance namespace needs)
  datapath.py wait-active NAME...          wait until the named ports are ACTIVE
  datapath.py dhcp-adopted                 wait until the DHCP agent owns the seeded DHCP ports and
                                record their real device_id in data/network.json
  datapath.py agent-alive TYPE yes|no [SINCE]   wait until the agent's `alive` is that
  datapath.py router-interface remove|add ROUTER SUBNET
  datapath.py subnet-dhcp SUBNET on|off    (on re-creates the network's DHCP port as before)
  datapath.py port-admin NAME up|down
  datapath.py sg-egress NAME on|off        on: the port's groups -> one that allows only 443 and 53
"""
import ipaddress
import json
import os
import sys
import time
import uuid
from datetime import datetime, timezone

from seedlib import Api, load_part, log, run, save_part, session, SeedError, DATA
import spec

HOST = "oslab"  # the agents' `host`, and nova's host for the seeded instances
RESERVED = "reserved_dhcp_port"
AGENT_TYPES = {"linuxbridge": "Linux bridge agent", "l3": "L3 agent", "dhcp": "DHCP agent"}
FAULT_SG = "lab-fault-egress-443-53"


def api():
    return Api(session(), spec.NETWORK_URL)


def wait(what, check, timeout=90, step=0.5):
    deadline = time.time() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.time() > deadline:
            raise SeedError("timed out after %d s waiting for %s" % (timeout, what))
        time.sleep(step)


def agent(a, kind, since=0.0):
    """The agent of that type on HOST if it is alive and (re)started after `since`."""
    for ag in a.get("/v2.0/agents", host=HOST, agent_type=AGENT_TYPES[kind])["agents"]:
        started = datetime.strptime(ag["started_at"][:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
        if ag["alive"] and started.timestamp() >= since - 1:
            return ag
    return None


def bind_ports(a, net):
    for name in spec.INSTANCES:
        port = a.get("/v2.0/ports/" + net["ports"][name]["id"])["port"]
        if port["binding:host_id"] != HOST:
            log("bind %s to %s" % (name, HOST))
            a.put("/v2.0/ports/" + port["id"], {"port": {"binding:host_id": HOST}})


def reserve_dhcp_ports(a, net):
    """The seed's DHCP ports carry a made-up device_id: mark them reserved so the DHCP agent
    adopts them (same id, IP and MAC) instead of making new ones."""
    made_up = "dhcp%s-" % spec.DHCP_HOST_ID
    for netname in spec.DHCP_PORTS:
        port = a.get("/v2.0/ports/" + net["ports"]["dhcp-" + netname]["id"])["port"]
        if port["device_id"].startswith(made_up):
            log("reserve %s for the DHCP agent" % port["name"])
            a.put("/v2.0/ports/" + port["id"], {"port": {"device_id": RESERVED}})


def schedule_networks(a, net, dhcp_agent):
    hosted = {n["id"] for n in a.get("/v2.0/agents/%s/dhcp-networks" % dhcp_agent["id"])["networks"]}
    for netname in spec.DHCP_PORTS:
        nid = net["networks"][netname]["id"]
        if nid not in hosted:
            log("schedule %s on the DHCP agent" % netname)
            a.post("/v2.0/agents/%s/dhcp-networks" % dhcp_agent["id"], {"network_id": nid})


def instance_plan(a, net):
    """What each instance namespace needs: names of the devices, MAC, address, gateway, MTU."""
    out = {}
    for name, i in spec.instances().items():
        port = net["ports"][name]
        n = a.get("/v2.0/networks/" + port["networkId"])["network"]
        sub = net["networks"][i["network"]]["subnets"][i["subnet"]]
        plen = ipaddress.ip_network(sub["cidr"]).prefixlen
        routed = any(i["subnet"] in r["subnets"] for r in spec.ROUTERS.values())
        out[name] = {"ns": "inst-" + name, "portId": port["id"], "mac": port["mac"],
                     "networkId": port["networkId"], "network": i["network"], "ip": i["ip"],
                     "cidr": "%s/%d" % (i["ip"], plen), "gateway": sub["gatewayIp"] if routed else None,
                     "dhcpServer": net["ports"].get("dhcp-" + i["network"], {}).get("ip"),
                     "mtu": n["mtu"], "tap": ("tap" + port["id"])[:14],
                     "bridge": ("brq" + port["networkId"])[:14], "instanceId": i["id"]}
    return out


def prepare(since):
    a, net = api(), load_part("network")
    bind_ports(a, net)
    reserve_dhcp_ports(a, net)
    ags = {k: wait("the %s agent to report" % k, lambda k=k: agent(a, k, since)) for k in AGENT_TYPES}
    schedule_networks(a, net, ags["dhcp"])
    routers = {name: r["id"] for name, r in net["routers"].items()}
    save_part("datapath", {"host": HOST, "agents": {k: v["id"] for k, v in ags.items()},
                           "routers": routers, "instances": instance_plan(a, net),
                           "dhcpNetworks": {n: net["networks"][n]["id"] for n in spec.DHCP_PORTS}})
    log("datapath: ports bound, DHCP networks scheduled, agents up")


def port_id(name):
    return load_part("datapath")["instances"][name]["portId"]


def wait_active(names):
    a = api()
    ids = {port_id(n): n for n in names}

    def all_active():
        ports = a.get("/v2.0/ports", id=list(ids))["ports"]
        return len(ports) == len(ids) and all(p["status"] == "ACTIVE" for p in ports)
    wait("ports %s ACTIVE" % " ".join(names), all_active, timeout=120)


def agent_device_id(network_id):
    """What the DHCP agent writes in its port's device_id: dhcp<uuid5(DNS, host)>-<network>."""
    return "dhcp%s-%s" % (uuid.uuid5(uuid.NAMESPACE_DNS, HOST), network_id)


def dhcp_adopted():
    """The seed recorded its DHCP ports with a made-up device_id; once the agent has adopted them
    they carry its own, which is what the real agent forwards to nova for the DHCP port's IP."""
    a, net = api(), load_part("network")
    names = ["dhcp-" + n for n in spec.DHCP_PORTS if "dhcp-" + n in net["ports"]]

    def adopted():
        ports = a.get("/v2.0/ports", id=[net["ports"][n]["id"] for n in names])["ports"]
        found = {p["id"]: p for p in ports}
        done = all(found.get(net["ports"][n]["id"], {}).get("device_id") ==
                   agent_device_id(net["ports"][n]["networkId"]) for n in names)
        return found if done else None
    ports = wait("the DHCP agent to adopt %s" % " ".join(names), adopted, timeout=120)
    for n in names:
        net["ports"][n]["deviceId"] = ports[net["ports"][n]["id"]]["device_id"]
    save_part("network", net)


def agent_alive(kind, want, since=0.0):
    a = api()
    want_alive = want == "yes"
    # Agents are "alive" until agent_down_time (75 s) after their last report.
    wait("the %s agent alive=%s" % (kind, want_alive),
         lambda: bool(agent(a, kind, since)) == want_alive, timeout=150, step=1)


def router_interface(action, router, subnet):
    a, net = api(), load_part("network")
    rid = net["routers"][router]["id"]
    sid = net["networks"][spec_network(subnet)]["subnets"][subnet]["id"]
    if action == "remove":
        have = a.get("/v2.0/ports", device_id=rid, device_owner="network:router_interface")["ports"]
        if any(ip["subnet_id"] == sid for p in have for ip in p["fixed_ips"]):
            a.put("/v2.0/routers/%s/remove_router_interface" % rid, {"subnet_id": sid})
    else:
        a.call("PUT", "/v2.0/routers/%s/add_router_interface" % rid, {"subnet_id": sid}, ok=(400,))


def spec_network(subnet):
    return next(n for n, v in spec.NETWORKS.items() if subnet in v["subnets"])


def subnet_dhcp(subnet, state):
    """off: the DHCP agent tears the network down and releases (deletes) its DHCP port.
    on: the seed's port comes back first (same name, IP .2 and MAC, reserved for the agent),
    so topology.json keeps its meaning once the seed re-runs."""
    a, net = api(), load_part("network")
    netname = spec_network(subnet)
    sid = net["networks"][netname]["subnets"][subnet]["id"]
    nid = net["networks"][netname]["id"]
    if state == "on":
        ports = a.get("/v2.0/ports", network_id=nid, device_owner="network:dhcp")["ports"]
        if not ports:
            sub_cidr = net["networks"][netname]["subnets"][subnet]["cidr"]
            ip = str(ipaddress.ip_network(sub_cidr)[2])
            mac = spec.DHCP_PORTS[netname][1]
            a.post("/v2.0/ports", {"port": {
                "name": "dhcp-" + netname, "network_id": nid, "device_owner": "network:dhcp",
                "device_id": RESERVED, "mac_address": mac, "project_id": net["networks"][netname]["projectId"],
                "fixed_ips": [{"subnet_id": sid, "ip_address": ip}]}})
    a.put("/v2.0/subnets/" + sid, {"subnet": {"enable_dhcp": state == "on"}})


def port_admin(name, state):
    api().put("/v2.0/ports/" + port_id(name), {"port": {"admin_state_up": state == "up"}})


def sg_egress(name, state):
    """on saves the port's groups in data/fault-sg-NAME.json and puts the port in one group
    whose egress allows only TCP 443 and UDP 53 (169.254.169.254:80 is not among them)."""
    a, pid = api(), port_id(name)
    saved = os.path.join(DATA, "fault-sg-%s.json" % name)
    port = a.get("/v2.0/ports/" + pid)["port"]
    if state == "on":
        if not os.path.exists(saved):
            with open(saved, "w") as f:
                json.dump(port["security_groups"], f)
        sg = fault_group(a, port["project_id"])
        a.put("/v2.0/ports/" + pid, {"port": {"security_groups": [sg]}})
    elif os.path.exists(saved):
        with open(saved) as f:
            a.put("/v2.0/ports/" + pid, {"port": {"security_groups": json.load(f)}})
        os.remove(saved)


def fault_group(a, project_id):
    found = a.first("/v2.0/security-groups", "security_groups", name=FAULT_SG, project_id=project_id)
    if found:
        return found["id"]
    sg = a.post("/v2.0/security-groups", {"security_group": {
        "name": FAULT_SG, "project_id": project_id,
        "description": "lab fault: egress only to TCP 443 and UDP 53"}})["security_group"]
    for r in sg["security_group_rules"]:  # neutron adds allow-all egress rules: drop them
        a.call("DELETE", "/v2.0/security-group-rules/" + r["id"])
    for eth in ("IPv4", "IPv6"):
        for proto, port in (("tcp", 443), ("udp", 53)):
            a.post("/v2.0/security-group-rules", {"security_group_rule": {
                "security_group_id": sg["id"], "direction": "egress", "ethertype": eth,
                "protocol": proto, "port_range_min": port, "port_range_max": port}})
    return sg["id"]


COMMANDS = {
    "prepare": lambda args: prepare(float(args[0])),
    "wait-active": wait_active,
    "dhcp-adopted": lambda args: dhcp_adopted(),
    "agent-alive": lambda args: agent_alive(args[0], args[1], float(args[2]) if len(args) > 2 else 0.0),
    "router-interface": lambda args: router_interface(*args),
    "subnet-dhcp": lambda args: subnet_dhcp(*args),
    "port-admin": lambda args: port_admin(*args),
    "sg-egress": lambda args: sg_egress(*args),
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    run(lambda: COMMANDS[sys.argv[1]](sys.argv[2:]))
