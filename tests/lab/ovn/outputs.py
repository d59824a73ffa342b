"""Writes the OVN lab's outputs: topology.json (ids, sockets, URLs), clouds.yaml + secure.yaml
(clouds ovn-admin / ovn-alice / ovn-bob in region RegionOVN), ovn.env (sourceable).
Env as seed.py, plus OVN_CHASSIS."""
import os
import shlex
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seed"))
from seedlib import LAB_DIR, load_part, log, write_json  # noqa: E402
import spec  # noqa: E402

OVN_DIR = os.environ["OVN_LAB_DIR"]
CLOUD_USERS = {"ovn-admin": "admin", "ovn-alice": "alice", "ovn-bob": "bob"}


def write_text(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main():
    ids = load_part("identity")
    with open(os.path.join(OVN_DIR, "data", "ovn.json")) as f:
        seeded = yaml.safe_load(f)
    run = os.path.join(OVN_DIR, "run")
    files = {n: os.path.join(OVN_DIR, n) for n in ("clouds.yaml", "secure.yaml", "ovn.env", "topology.json")}
    instances = {}
    for p in seeded["ports"].values():
        if p["plugged"]:
            i = spec.instances()[p["instance"]]
            instances[p["instance"]] = {"id": i["id"], "name": p["instance"], "portId": p["id"], "ip": p["ip"],
                                        "mac": p["mac"], "networkId": p["networkId"], "network": p["network"],
                                        "projectId": p["projectId"], "netns": "ovnvm-" + p["instance"],
                                        "hasUserData": bool(i["user_data"])}
    topo = {
        "labDir": OVN_DIR, "sharedLabDir": LAB_DIR, "authUrl": spec.AUTH_URL,
        "region": os.environ["OVN_REGION"], "networkUrl": os.environ["OVN_NEUTRON_URL"],
        "metadataSecret": spec.SECRET, "agentSocket": os.path.join(run, "metadata_proxy"),
        "recorderUrl": "http://127.0.0.1:8775", "chassis": os.environ["OVN_CHASSIS"],
        "host": os.environ["OVN_HOST"], "nbDb": "unix:" + os.path.join(run, "ovnnb_db.sock"),
        "sbDb": "unix:" + os.path.join(run, "ovnsb_db.sock"), "files": files,
        "clouds": list(CLOUD_USERS), "users": {u: ids["users"][u] for u in CLOUD_USERS.values()},
        "projects": ids["projects"], "networks": seeded["networks"], "ports": seeded["ports"],
        "instances": instances,
    }
    write_json(files["topology.json"], topo)
    base = {"region_name": topo["region"], "interface": "public", "identity_api_version": 3}
    public, secure = {}, {}
    for cloud, user in CLOUD_USERS.items():
        u = ids["users"][user]
        public[cloud] = dict(base, auth={"auth_url": spec.AUTH_URL, "username": user, "user_domain_name": "Default",
                                         "project_name": u["project"], "project_domain_name": "Default"})
        secure[cloud] = {"auth": {"password": u["password"]}}
    head = "# Written by tests/lab/ovn/up.sh for the StackLens OVN lab; regenerated on every run.\n"
    write_text(files["clouds.yaml"], head + yaml.safe_dump({"clouds": public}, sort_keys=False))
    write_text(files["secure.yaml"], head + yaml.safe_dump({"clouds": secure}, sort_keys=False))
    os.chmod(files["secure.yaml"], 0o600)
    env = {"OS_CLIENT_CONFIG_FILE": files["clouds.yaml"], "OS_CLIENT_SECURE_FILE": files["secure.yaml"],
           "OS_CLOUD": "ovn-admin", "OVN_LAB_DIR": OVN_DIR, "OVN_LAB_TOPOLOGY": files["topology.json"],
           "OVN_NB_DB": topo["nbDb"], "OVN_SB_DB": topo["sbDb"], "OVS_RUNDIR": run, "OVN_RUNDIR": run,
           "OVN_LAB_AGENT_SOCKET": topo["agentSocket"], "OVN_LAB_NETWORK_URL": topo["networkUrl"]}
    write_text(files["ovn.env"], "# StackLens OVN lab: source me (OS_CLOUD=ovn-admin; ovn-nbctl/ovn-sbctl/ovs-vsctl work).\n"
               + "".join("export %s=%s\n" % (k, shlex.quote(v)) for k, v in env.items()))
    log("ovn outputs written")


if __name__ == "__main__":
    main()
