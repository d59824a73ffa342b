"""cloud-init's own OpenStack reader, run inside an instance namespace: what a booting VM reads.
Prints a JSON summary. Usage (Debian's python3, which has cloud-init):
  ip netns exec ovnvm-alpha-vm1 /usr/bin/python3 crawl.py [http://169.254.169.254]"""
import json
import sys
import time

from cloudinit.sources.helpers import openstack

t0 = time.time()
url = sys.argv[1] if len(sys.argv) > 1 else "http://169.254.169.254"
data = openstack.MetadataReader(url, timeout=5, retries=0).read_v2()
md = data.get("metadata", {})
print(json.dumps({
    "keys": sorted(data), "version": data.get("version"), "uuid": md.get("uuid"), "name": md.get("name"),
    "projectId": md.get("project_id"), "userData": (data.get("userdata") or b"")[:40].decode("utf-8", "replace"),
    "links": [l.get("ethernet_mac_address") for l in (data.get("networkdata") or {}).get("links", [])],
    "seconds": round(time.time() - t0, 2)}))
