"""Writes the lab's outputs from the seeds' parts: topology.json (every id and credential),
clouds.yaml (no secrets) + secure.yaml (secrets), lab.env (sourceable).
Usage: outputs.py "SERVICES"."""
import os
import shlex
import sys

import yaml

from seedlib import LAB_DIR, load_part, log, write_json
import spec

CLOUD_USERS = {"lab-admin": "admin", "lab-alice": "alice", "lab-bob": "bob", "lab-reader": "reader"}


def clouds(ids):
    base = {"region_name": spec.REGION, "interface": "public", "identity_api_version": 3}
    public, secure = {}, {}
    for cloud, user in CLOUD_USERS.items():
        u = ids["users"][user]
        public[cloud] = dict(base, auth={
            "auth_url": spec.AUTH_URL, "username": user, "user_domain_name": "Default",
            "project_name": u["project"], "project_domain_name": "Default"})
        secure[cloud] = {"auth": {"password": u["password"]}}
    for user, ac in ids["appCredentials"].items():
        cloud = "lab-%s-appcred" % user
        public[cloud] = dict(base, auth_type="v3applicationcredential", auth={
            "auth_url": spec.AUTH_URL, "application_credential_id": ac["id"]})
        secure[cloud] = {"auth": {"application_credential_secret": ac["secret"]}}
    public["lab-admin-domain"] = dict(base, auth={
        "auth_url": spec.AUTH_URL, "username": "admin", "user_domain_name": "Default",
        "domain_name": "Default"})
    secure["lab-admin-domain"] = {"auth": {"password": ids["users"]["admin"]["password"]}}
    return {"clouds": public}, {"clouds": secure}


def instances_without_nova(ids, net):
    """Lighter labs have no nova records; the planned instances still own their ports."""
    out = {}
    for name, i in spec.instances().items():
        port = net.get("ports", {}).get(name, {})
        out[name] = {"id": i["id"], "name": name, "projectId": ids["projects"][i["project"]],
                     "project": i["project"], "configDrive": bool(i["config_drive"]),
                     "hasUserData": bool(i["user_data"]), "ip": i["ip"], "network": i["network"],
                     "portId": port.get("id"), "mac": i["mac"], "inNova": False}
    return out


def datapath(services):
    """The data path's namespaces (tests reach instances through `ip netns exec`), or None."""
    dp = load_part("datapath")
    if "datapath" not in services or not dp:
        return None
    dhcp = set(os.environ.get("LAB_DHCP_INSTANCES", "alpha-vm1 beta-vm4").split())
    return {
        "host": dp["host"], "routerMetadataPort": 9697,
        "instances": {n: dict(i, addressing="dhcp" if n in dhcp else "static")
                      for n, i in dp["instances"].items()},
        "routers": {n: {"id": rid, "namespace": "qrouter-" + rid} for n, rid in dp["routers"].items()},
        "dhcpNetworks": {n: {"id": nid, "namespace": "qdhcp-" + nid}
                         for n, nid in dp["dhcpNetworks"].items()},
    }


def skipped(name):
    path = os.path.join(LAB_DIR, "data", ".%s-skipped" % name)
    return open(path).read().strip() if os.path.exists(path) else None


def write_text(path, text):
    """Atomically: tests may read these files while a re-run rewrites them."""
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main(services):
    ids, net, nova = load_part("identity"), load_part("network"), load_part("nova")
    files = {name: os.path.join(LAB_DIR, name)
             for name in ("clouds.yaml", "secure.yaml", "lab.env", "topology.json")}
    agent_socket = os.path.join(LAB_DIR, "run", "metadata_proxy")
    topo = {
        "labDir": LAB_DIR, "services": services, "authUrl": spec.AUTH_URL, "region": spec.REGION,
        "metadataSecret": spec.SECRET,
        "agentSocket": agent_socket if "metadata" in services else None,
        "recorderUrl": "http://127.0.0.1:8775" if "metadata" in services else None,
        "novaMetadataUrl": "http://127.0.0.1:8776" if "nova" in services else None,
        "computeUrl": spec.COMPUTE_URL if "compute" in services else None,
        "networkUrl": spec.NETWORK_URL,
        "captureFile": os.path.join(LAB_DIR, "log", "metadata-capture.jsonl"),
        "files": files, "clouds": list(clouds(ids)[0]["clouds"]),
        "users": ids["users"], "serviceUsers": ids["serviceUsers"], "projects": ids["projects"],
        "roles": ids["roles"], "catalogServices": ids["services"],
        "appCredentials": ids["appCredentials"],
        "networks": net["networks"], "routers": net["routers"], "ports": net["ports"],
        "instances": nova.get("instances") if "nova" in services and nova else instances_without_nova(ids, net),
        "floatingIps": net["floatingIps"],
        "flavor": nova.get("flavor"), "keypairs": nova.get("keypairs"),
        "datapath": datapath(services), "datapathSkipped": skipped("datapath"),
    }
    write_json(files["topology.json"], topo)
    public, secure = clouds(ids)
    for name, data in (("clouds.yaml", public), ("secure.yaml", secure)):
        write_text(files[name], "# Written by tests/lab/up.sh for the StackLens lab; regenerated "
                   "on every run.\n" + yaml.safe_dump(data, default_flow_style=False, sort_keys=False))
    admin = ids["users"]["admin"]
    env = {
        "OS_AUTH_URL": spec.AUTH_URL, "OS_IDENTITY_API_VERSION": "3", "OS_REGION_NAME": spec.REGION,
        "OS_INTERFACE": "public", "OS_USERNAME": "admin", "OS_PASSWORD": admin["password"],
        "OS_PROJECT_NAME": "admin", "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_NAME": "Default",
        "OS_CLIENT_CONFIG_FILE": files["clouds.yaml"], "OS_CLIENT_SECURE_FILE": files["secure.yaml"],
        "LAB_DIR": LAB_DIR, "LAB_SERVICES": " ".join(services),
        "LAB_METADATA_SECRET": spec.SECRET, "LAB_AGENT_SOCKET": topo["agentSocket"] or "",
        "LAB_RECORDER_URL": topo["recorderUrl"] or "", "LAB_NOVA_METADATA_URL": topo["novaMetadataUrl"] or "",
        "LAB_COMPUTE_URL": topo["computeUrl"] or "", "LAB_NETWORK_URL": spec.NETWORK_URL,
        "LAB_TOPOLOGY": files["topology.json"],
    }
    write_text(files["lab.env"], "# StackLens lab: source me. OS_* = the admin user (project admin).\n"
               + "".join("export %s=%s\n" % (k, shlex.quote(v)) for k, v in env.items()))
    log("outputs written")


if __name__ == "__main__":
    main(sys.argv[1].split())
