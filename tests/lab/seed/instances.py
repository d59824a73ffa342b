"""Nova seed through nova's own object layer (there is no conductor/compute to boot anything):
m1.tiny, keypairs, 6 ACTIVE instance records in cell1 with the ports' device_ids, instance
mappings, and the network info cache rebuilt from neutron. Converges existing records.
Usage: instances.py NOVA_CONF. Writes data/nova.json.
(Not named nova.py: the script's folder comes first on sys.path and would shadow nova.)"""
import base64
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from oslo_utils import timeutils

from seedlib import load_part, log, save_part
import spec

from nova import config, context, crypto, exception, objects
from nova.network import model as network_model
from nova.network import neutron as neutron_api


def ensure_flavor(ctxt):
    try:
        return objects.Flavor.get_by_name(ctxt, spec.FLAVOR["name"])
    except exception.FlavorNotFoundByName:
        log("create flavor %s" % spec.FLAVOR["name"])
        f = objects.Flavor(ctxt, rxtx_factor=1.0, is_public=True, disabled=False, **spec.FLAVOR)
        f.create()
        # Re-read: the created object lacks extra_specs, and an instance carrying such a flavor
        # makes nova-api answer 500 from microversion 2.47 on (flavor details embedded).
        return objects.Flavor.get_by_name(ctxt, spec.FLAVOR["name"])


def ensure_keypair(ctxt, name, user_id, public_key):
    try:
        kp = objects.KeyPair.get_by_name(ctxt, user_id, name)
        if kp.public_key == public_key:
            return kp
        kp.destroy()
    except exception.KeypairNotFound:
        pass
    log("create keypair %s" % name)
    kp = objects.KeyPair(ctxt, name=name, user_id=user_id, public_key=public_key, type="ssh",
                         fingerprint=crypto.generate_fingerprint(public_key))
    kp.create()
    return kp


def desired(name, i, ids, flavor, kp):
    user_data = spec.USER_DATA.get(i["user_data"]) if i["user_data"] else None
    return {
        "project_id": ids["projects"][i["project"]], "user_id": ids["users"][i["user"]]["id"],
        "display_name": name, "hostname": name, "host": "oslab", "node": "oslab",
        "vm_state": "active", "power_state": 1, "task_state": None,
        "availability_zone": "nova", "key_name": kp.name, "key_data": kp.public_key,
        "metadata": {"lab-role": name, "project": i["project"]},
        # nova's own string forms: "True" or "", and user_data base64 as nova-api stores it.
        "config_drive": "True" if i["config_drive"] else "",
        "user_data": base64.b64encode(user_data.encode()).decode() if user_data else None,
        "memory_mb": flavor.memory_mb, "vcpus": flavor.vcpus, "root_gb": flavor.root_gb,
        "ephemeral_gb": flavor.ephemeral_gb, "instance_type_id": flavor.id,
    }


def ensure_instance(ctxt, cctxt, cell, name, i, ids, flavor, kp):
    want = desired(name, i, ids, flavor, kp)
    try:
        inst = objects.Instance.get_by_uuid(cctxt, i["id"],
                                            expected_attrs=["metadata", "system_metadata", "flavor",
                                                            "info_cache"])
        changed = [k for k, v in want.items() if getattr(inst, k) != v]
        if not inst.flavor.obj_attr_is_set("extra_specs"):
            inst.flavor.extra_specs = {}  # older labs: see ensure_flavor
            changed.append("flavor.extra_specs")
        if changed:
            log("converge %s: %s" % (name, ", ".join(changed)))
            for k in changed:
                if k in want:
                    setattr(inst, k, want[k])
            inst.save()
    except exception.InstanceNotFound:
        log("create instance %s %s" % (name, i["id"]))
        inst = objects.Instance(cctxt, uuid=i["id"], flavor=flavor, image_ref="",
                                launched_at=timeutils.utcnow(), launch_index=0,
                                reservation_id="r-" + i["id"][-8:], root_device_name="/dev/vda",
                                system_metadata={}, keypairs=objects.KeyPairList(objects=[kp]),
                                security_groups=objects.SecurityGroupList(objects=[]),
                                info_cache=objects.InstanceInfoCache(
                                    network_info=network_model.NetworkInfo([])),
                                **want)
        inst.create()
    try:
        im = objects.InstanceMapping.get_by_instance_uuid(ctxt, i["id"])
        if im.project_id != want["project_id"] or im.cell_mapping is None:
            im.project_id, im.user_id, im.cell_mapping = want["project_id"], want["user_id"], cell
            im.save()
    except exception.InstanceMappingNotFound:
        objects.InstanceMapping(ctxt, instance_uuid=i["id"], cell_mapping=cell,
                                project_id=want["project_id"], user_id=want["user_id"]).create()
    return inst


def wait_for_go():
    """up.sh starts this script while the network seed still runs, so nova's slow import
    overlaps it; LAB_WAIT_FOR names the file that says the network seed is done."""
    go = os.environ.get("LAB_WAIT_FOR")
    deadline = time.time() + 300
    while go and not os.path.exists(go):
        if time.time() > deadline:
            sys.exit("gave up waiting for " + go)
        time.sleep(0.05)


def neutron_sources(client, instances):
    """Per instance, a digest of what its info cache is built from (its ports, their floating
    IPs, the subnets of their networks), in 3 neutron calls instead of ~8 per instance: the
    cache is rebuilt only when this changed (LAB_REFRESH_NOVA_CACHE=1 forces it)."""
    ports = client.list_ports(device_id=[i["id"] for i in instances.values()])["ports"]
    fips = client.list_floatingips(port_id=[p["id"] for p in ports])["floatingips"] if ports else []
    nets = sorted({p["network_id"] for p in ports})
    subnets = client.list_subnets(network_id=nets)["subnets"] if nets else []
    keep = ("id", "cidr", "gateway_ip", "dns_nameservers", "host_routes", "enable_dhcp",
            "ipv6_address_mode", "ipv6_ra_mode", "network_id")
    out = {}
    for name, i in instances.items():
        mine = sorted((p for p in ports if p["device_id"] == i["id"]), key=lambda p: p["id"])
        ids = {p["id"] for p in mine}
        state = {
            "ports": [[p["id"], p["mac_address"], p["network_id"], p["fixed_ips"], p["project_id"]]
                      for p in mine],
            "fips": sorted([f["floating_ip_address"], f["fixed_ip_address"], f["port_id"]]
                           for f in fips if f["port_id"] in ids),
            "subnets": sorted([[s.get(k) for k in keep] for s in subnets
                               if s["network_id"] in {p["network_id"] for p in mine}], key=str),
        }
        out[name] = hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]
    return out


def main(conf):
    wait_for_go()
    config.parse_args(["nova-lab-seed", "--config-file", conf], init_rpc=True)
    objects.register_all()
    ids, net = load_part("identity"), load_part("network")
    ctxt = context.get_admin_context()
    cell = objects.CellMapping.get_by_uuid(ctxt, "c0ffee00-1ab0-4000-8000-000000000001")
    flavor = ensure_flavor(ctxt)
    kps = {n: ensure_keypair(ctxt, n, ids["users"][u]["id"], key)
           for n, (u, key) in spec.KEYPAIRS.items()}
    napi = neutron_api.API()
    with context.target_cell(ctxt, cell) as cctxt:
        # Service credentials ([neutron] section), like nova-compute's _heal_instance_info_cache.
        admin_client = neutron_api.get_client(cctxt, admin=True)

        # Records one by one (the first instance of a project creates nova's default security
        # group; concurrent creates race on it), then the info caches in parallel.
        insts = {name: ensure_instance(ctxt, cctxt, cell, name, i, ids, flavor, kps[i["key"]])
                 for name, i in spec.instances().items()}

        sources = neutron_sources(admin_client, spec.instances())
        before = load_part("nova").get("infoCacheSources", {})
        force = os.environ.get("LAB_REFRESH_NOVA_CACHE") == "1"

        def one(name, i):
            inst = insts[name]
            port = net["ports"][name]
            nw = inst.info_cache.network_info if inst.obj_attr_is_set("info_cache") else None
            if force or not nw or before.get(name) != sources[name]:
                # addresses and network_data.json come only from this cache (~8 neutron calls).
                nw = napi.get_instance_nw_info(cctxt, inst, force_refresh=True,
                                               admin_client=admin_client,
                                               preexisting_port_ids=[port["id"]])
                rebuilt.append(name)
            fip = [a for a, f in net["floatingIps"].items() if f["instance"] == name]
            return name, {
                "id": i["id"], "name": name, "projectId": inst.project_id, "project": i["project"],
                "userId": inst.user_id, "configDrive": bool(i["config_drive"]),
                "hasUserData": bool(i["user_data"]), "ip": i["ip"],
                "ips": [ip["address"] for v in nw for ip in v.fixed_ips()],
                "network": i["network"], "networkId": port["networkId"], "portId": port["id"],
                "mac": port["mac"], "keyName": i["key"], "floatingIp": fip[0] if fip else None,
                "flavor": flavor.name, "cell": "cell1", "inNova": True, "vifs": len(nw)}

        # One thread per instance: the rebuild is mostly waiting on neutron-server.
        rebuilt = []
        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(one, name, i) for name, i in spec.instances().items()]
            out = dict(f.result() for f in futures)
    save_part("nova", {"instances": out, "flavor": {"id": flavor.flavorid, "name": flavor.name},
                       "keypairs": {n: {"user": u, "fingerprint": kps[n].fingerprint}
                                    for n, (u, _) in spec.KEYPAIRS.items()},
                       "infoCacheSources": sources})
    log("nova: %d instances; info cache rebuilt from neutron for %s"
        % (len(out), ", ".join(sorted(rebuilt)) or "none (neutron unchanged)"))


if __name__ == "__main__":
    main(sys.argv[1])
